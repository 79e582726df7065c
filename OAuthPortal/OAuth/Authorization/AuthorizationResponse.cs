using System.Text;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>
/// Builds the redirects back to the client (RFC 6749 §§4.1.2, 4.1.2.1; RFC 9207 <c>iss</c>): the registered URI's
/// own query is kept, ours is appended; <c>state</c> is echoed whenever the request had one.
/// </summary>
public static class AuthorizationResponse
{
    public static ClientResponse Success(ValidatedAuthorizationRequest request, string code, string issuer) =>
        new(request.RedirectUri, [(P.Code, code), (P.State, request.State), (P.Issuer, issuer)], request.Oidc.ResponseMode);

    public static ClientResponse Error(AuthorizationRedirect redirect, string issuer) =>
        new(redirect.RedirectUri,
            [(P.Error, redirect.Error.Code), (P.ErrorDescription, redirect.Error.Description), (P.State, redirect.State), (P.Issuer, issuer)],
            redirect.ResponseMode);

    /// <summary>An error about a request that passed validation (the user declined, or prompt=none could not be answered).</summary>
    public static ClientResponse Error(ValidatedAuthorizationRequest request, OAuthError error, string issuer) =>
        Error(new AuthorizationRedirect(request.RedirectUri, request.State, error, request.Oidc.ResponseMode), issuer);

    /// <summary>The user declined: <c>access_denied</c> (RFC 6749 §4.1.2.1).</summary>
    public static ClientResponse AccessDenied(ValidatedAuthorizationRequest request, string issuer) =>
        Error(request, new OAuthError(OAuthErrorCodes.AccessDenied, "The user declined the authorization request."), issuer);

    /// <summary>
    /// Appends parameters to <paramref name="uri"/>, keeping its query (RFC 6749 §3.1.2). Non-ASCII characters of the
    /// registered URI are percent-encoded as UTF-8 so that the Location header is valid; nothing else is changed.
    /// </summary>
    public static string AppendParameters(string uri, IEnumerable<(string Name, string? Value)> parameters)
    {
        var result = new StringBuilder(EncodeNonAscii(uri));
        var separator = !uri.Contains('?') ? "?" : uri.EndsWith('?') || uri.EndsWith('&') ? "" : "&";
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            result.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = "&";
        }

        return result.ToString();
    }

    private static string EncodeNonAscii(string uri)
    {
        if (uri.All(char.IsAscii))
        {
            return uri;
        }

        var encoded = new StringBuilder(uri.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in uri.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                encoded.Append((char)rune.Value);
                continue;
            }

            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
