using System.Text;

namespace OAuthPortal.OAuth.Http;

/// <summary>RFC 7235 pieces shared by the client-authentication and bearer challenges.</summary>
public static class HttpAuthentication
{
    /// <summary>The HTTP Basic scheme (RFC 7617), as clients authenticate with client_secret_basic.</summary>
    public const string BasicScheme = "Basic";

    /// <summary>An RFC 7230 quoted-string: <c>"</c> and <c>\</c> escaped with a backslash.</summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>Splits <c>Scheme credentials</c>; the scheme is compared case-insensitively by callers (RFC 7235 §2.1).</summary>
    public static (string Scheme, string Credentials) Split(string headerValue)
    {
        var trimmed = headerValue.Trim();
        var space = trimmed.IndexOf(' ');
        return space < 0 ? (trimmed, "") : (trimmed[..space], trimmed[(space + 1)..].Trim());
    }
}
