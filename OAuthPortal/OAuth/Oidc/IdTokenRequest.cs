using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>What an id_token is made of besides its grant: who issues it, to which client, for which scopes, with which nonce.</summary>
public sealed record IdTokenRequest(string Issuer, Client Client, long GrantId, IReadOnlyCollection<string> Scopes, string? Nonce);
