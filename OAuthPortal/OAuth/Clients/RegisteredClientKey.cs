namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// One key of a client's pasted JWK Set, as pages and the CLI describe it: its <c>kid</c>, <c>kty</c>, <c>alg</c> and,
/// for EC keys, <c>crv</c> (null when absent). Never key material.
/// </summary>
public sealed record RegisteredClientKey(string? KeyId, string KeyType, string? Algorithm, string? Curve);
