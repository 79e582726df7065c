namespace OAuthPortal.OAuth;

/// <summary>How many rows one pruning run deleted.</summary>
public sealed record PruneResult(int Tokens, int Codes);
