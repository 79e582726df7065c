using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.OAuth.Oidc.Logout;

/// <summary>
/// RP-Initiated Logout 1.0 §3: the end-session endpoint sends the user only to a post-logout redirect URI registered
/// for the client, matched exactly as redirect URIs are (<see cref="RequireExactRedirectUri"/>: character for character;
/// a public client's loopback URI may differ in its port). Anything else is never redirected to.
/// </summary>
public static class RequireRegisteredPostLogoutRedirectUri
{
    public static bool IsRegistered(Client client, string sent) =>
        client.PostLogoutRedirectUris.Any(r => string.Equals(r.Uri, sent, StringComparison.Ordinal)) ||
        (client.Type == ClientType.Public && client.PostLogoutRedirectUris.Any(r => RequireExactRedirectUri.MatchesIgnoringLoopbackPort(r.Uri, sent)));
}
