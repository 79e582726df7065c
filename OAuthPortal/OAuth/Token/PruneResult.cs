namespace OAuthPortal.OAuth.Token;

/// <summary>How many rows one pruning run deleted.</summary>
public sealed record PruneResult(int Tokens, int Codes, int DeviceCodes);
