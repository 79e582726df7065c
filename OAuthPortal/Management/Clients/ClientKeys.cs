namespace OAuthPortal.Management.Clients;

/// <summary>How a client authenticates: the method (wire name) and, for private_key_jwt, a JWK Set or a jwks_uri.</summary>
public sealed record ClientKeys(string Method, string? Jwks = null, string? JwksUri = null);
