using OAuthPortal.Data;

namespace OAuthPortal.Management.Clients;

/// <summary>
/// A newly registered client: its client_id, its secret, in plaintext for the only time (null for public and
/// private_key_jwt clients, which have none), the grant types it may use (wire names, in their stored order), its
/// machine scopes, and how it authenticates and is constrained.
/// </summary>
public sealed record RegisteredClient(string ClientId, string? ClientSecret, IReadOnlyList<string> GrantTypes, IReadOnlyList<string> MachineScopes)
{
    /// <summary>RFC 7591 §2 <c>token_endpoint_auth_method</c>.</summary>
    public string TokenEndpointAuthMethod { get; init; } = "";

    /// <summary>RFC 7591 §2 <c>jwks_uri</c>, or null.</summary>
    public string? JwksUri { get; init; }

    /// <summary>The kids of the keys of a pasted JWK Set (a key without one is listed as its kty).</summary>
    public IReadOnlyList<string> KeyIds { get; init; } = [];

    public bool RequirePushedAuthorizationRequests { get; init; }

    public bool DpopBoundAccessTokens { get; init; }

    public ClientProfile Profile { get; init; }
}
