using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>An authorization request that passed every check: what the consent page shows and the code is bound to.</summary>
public sealed record ValidatedAuthorizationRequest(
    Client Client,
    string RedirectUri,
    bool RedirectUriSent,
    IReadOnlyList<Scope> Scopes,
    string? State,
    string? CodeChallenge,
    OidcRequest Oidc,
    ProtocolParameters Parameters)
{
    /// <summary>
    /// Whether remembered consent may answer without asking: not for a public client on a loopback redirect URI,
    /// whose identity nothing proves (any local program can use its client_id; RFC 8252 §8.6, RFC 6749 §10.2).
    /// </summary>
    public bool MayBeAnsweredWithoutUser => !(Client.Type == ClientType.Public && RedirectUriPolicy.IsLoopbackHttp(RedirectUri));
}
