using OAuthPortal.Data;

namespace OAuthPortal.Management.Clients;

/// <summary>A client as lists show it, with its owner, grant types (wire names) and machine scopes; never a secret (only its hash exists).</summary>
public sealed record ClientListItem(
    string ClientId, string Name, string Description, string? ImageUrl, ClientType Type, bool Enabled, string? OwnerEmail,
    IReadOnlyList<string> RedirectUris, IReadOnlyList<string> PostLogoutRedirectUris, string? BackchannelLogoutUri, string IdTokenSignedResponseAlg,
    DateTime CreatedAt, int ActiveTokens, IReadOnlyList<string> GrantTypes, IReadOnlyList<string> MachineScopes)
{
    /// <summary>RFC 7591 §2 <c>token_endpoint_auth_method</c>.</summary>
    public string TokenEndpointAuthMethod { get; init; } = "";

    public string? JwksUri { get; init; }

    /// <summary>Whether a JWK Set is registered (its keys are on the client's page).</summary>
    public bool HasJwks { get; init; }

    public bool RequirePushedAuthorizationRequests { get; init; }

    public bool DpopBoundAccessTokens { get; init; }

    public ClientProfile Profile { get; init; }

    /// <summary>Registered at <c>/oauth2/register</c> (RFC 7591) rather than by a person.</summary>
    public bool RegisteredByProgram { get; init; }
}
