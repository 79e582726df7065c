namespace OAuthPortal.OAuth.Token;

/// <summary>How many rows one pruning run deleted.</summary>
/// <param name="UsedJwtIds">One-time JWT ids (client assertions, DPoP proofs) past the time their JWT could be accepted.</param>
public sealed record PruneResult(int Tokens, int Codes, int DeviceCodes, int UsedJwtIds = 0);
