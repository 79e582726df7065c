using Microsoft.Extensions.Options;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// What makes a redirect URI acceptable, both when it is registered and when an authorization request
/// resolves it (RFC 6749 §3.1.2, RFC 8252 §7.3, RFC 9700 §§2.1, 4.1). The one copy of these rules; how a request's URI
/// matches a registered one is <see cref="RequireExactRedirectUri"/>. Plain http is
/// accepted on loopback hosts (native apps, and server apps being developed locally): the code never leaves the machine.
/// Post-logout redirect URIs and the back-channel logout URI are registered under the same rules (OpenID Connect
/// RP-Initiated Logout 1.0 §3, Back-Channel Logout 1.0 §2.2: no fragment), see <see cref="ClientRegistrationRules"/>.
/// </summary>
public sealed class RedirectUriPolicy(IOptions<OAuthOptions> options)
{
    private static readonly string[] LoopbackHosts = ["127.0.0.1", "[::1]", "localhost"];

    /// <summary>Returns null when <paramref name="redirectUri"/> is acceptable, else why not.</summary>
    /// <param name="redirectUri">The URI to check.</param>
    /// <param name="subject">What the messages call it ("A redirect URI", "A post-logout redirect URI", "The back-channel logout URI").</param>
    public string? Validate(string redirectUri, string subject = "A redirect URI")
    {
        if (string.IsNullOrEmpty(redirectUri))
        {
            return $"{subject} must not be empty.";
        }

        if (redirectUri.Length > Client.MaxUrlLength)
        {
            return $"{subject} must be at most {Client.MaxUrlLength} characters long.";
        }

        if (redirectUri.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\\'))
        {
            return $"{subject} must not contain spaces, control characters or backslashes.";
        }

        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) ||
            string.IsNullOrEmpty(uri.Host))
        {
            return $"{subject} must be an absolute http or https URL.";
        }

        if (redirectUri.Contains('#'))
        {
            return $"{subject} must not contain a fragment (#).";
        }

        if (uri.UserInfo.Length > 0 || Authority(redirectUri).Contains('@'))
        {
            return $"{subject} must not contain a user name or password (user@host).";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && options.Value.RequireHttps && !IsLoopbackHttp(redirectUri))
        {
            return $"{subject} must use https; plain http is allowed only on a loopback address (127.0.0.1, [::1], localhost).";
        }

        return null;
    }

    /// <summary>True for an http URI on a loopback host: where native apps receive codes (RFC 8252 §7.3).</summary>
    public static bool IsLoopbackHttp(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttp &&
        LoopbackHosts.Contains(parsed.Host, StringComparer.OrdinalIgnoreCase);

    /// <summary>The raw authority (between "//" and the path or query), before any parser normalisation.</summary>
    private static string Authority(string absoluteUri)
    {
        var start = absoluteUri.IndexOf("//", StringComparison.Ordinal) + 2;
        var end = absoluteUri.IndexOfAny(['/', '?'], start);
        return absoluteUri[start..(end < 0 ? absoluteUri.Length : end)];
    }
}
