using OAuthPortal.Data;
using OAuthPortal.OAuth.Authorization;

namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// Redirect URIs match exactly (RFC 6749 §3.1.2.3 simple string comparison, RFC 9700 §4.1.3), at both endpoints: the
/// authorization request names a registered URI character for character (only a loopback URI of a public client may
/// differ in its port, RFC 8252 §7.3), and the token request repeats it identically (RFC 6749 §4.1.3). Whether a URI
/// may be registered at all is <see cref="RedirectUriPolicy"/>.
/// </summary>
public static class RequireExactRedirectUri
{
    /// <summary>The redirect URI an authorization request resolves to: the one it sent, or the client's only one.</summary>
    public static (string? RedirectUri, AuthorizationPageError? Error) Resolve(Client client, string? sent)
    {
        if (sent is null)
        {
            return client.RedirectUris.Count == 1 ? (client.RedirectUris[0].Uri, null) : (null, AuthorizationPageError.RedirectUriRequired);
        }

        var registered = client.RedirectUris.Any(r => string.Equals(r.Uri, sent, StringComparison.Ordinal)) ||
            (client.Type == ClientType.Public && client.RedirectUris.Any(r => MatchesIgnoringLoopbackPort(r.Uri, sent)));
        return registered ? (sent, null) : (null, AuthorizationPageError.RedirectUriNotRegistered);
    }

    /// <summary>RFC 6749 §4.1.3: required and identical when the authorization request carried one; otherwise ignored (djoauth2).</summary>
    public static OAuthError? CheckTokenRequest(string? authorizationRedirectUri, string? sent) =>
        authorizationRedirectUri is null || string.Equals(sent, authorizationRedirectUri, StringComparison.Ordinal)
            ? null
            : new OAuthError(OAuthErrorCodes.InvalidGrant, "'redirect_uri' must be identical to the one in the authorization request.");

    /// <summary>
    /// RFC 8252 §7.3: a loopback redirect URI matches a registered one whatever its port (native apps listen on an
    /// ephemeral port); everything else about the two strings must be identical.
    /// </summary>
    public static bool MatchesIgnoringLoopbackPort(string registered, string sent) =>
        RedirectUriPolicy.IsLoopbackHttp(registered) && RedirectUriPolicy.IsLoopbackHttp(sent) &&
        string.Equals(WithoutPort(registered), WithoutPort(sent), StringComparison.Ordinal);

    private static string WithoutPort(string uri)
    {
        var start = uri.IndexOf("//", StringComparison.Ordinal) + 2;
        var end = uri.IndexOfAny(['/', '?'], start);
        var authority = uri[start..(end < 0 ? uri.Length : end)];
        var colon = authority.LastIndexOf(':');
        var withoutPort = colon > authority.LastIndexOf(']') ? authority[..colon] : authority;
        return uri[..start] + withoutPort + uri[(end < 0 ? uri.Length : end)..];
    }
}
