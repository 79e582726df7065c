using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Oidc.Logout;

/// <summary>
/// RP-Initiated Logout 1.0 §3: the end-session endpoint sends the user only to a post-logout redirect URI registered
/// for the client, character for character (simple string comparison, as RFC 6749 §3.1.2.3 for redirect URIs, but
/// without the loopback-port allowance of RFC 8252 §7.3, which is about receiving codes). Anything else is never
/// redirected to.
/// </summary>
public static class RequireRegisteredPostLogoutRedirectUri
{
    public static bool IsRegistered(Client client, string sent) =>
        client.PostLogoutRedirectUris.Any(r => string.Equals(r.Uri, sent, StringComparison.Ordinal));
}
