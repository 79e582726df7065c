using Microsoft.Extensions.Primitives;
using OAuthPortal.OAuth.Http;

namespace OAuthPortal.OAuth.Bearer;

/// <summary>
/// Where a protected resource reads a bearer token (RFC 6750 §2): the Authorization header (§2.1), or the form body
/// when OAuth:AllowFormBodyBearer allows it (§2.2), by exactly one method. Never the URL query (§2.3): tokens in URLs
/// leak through logs, history and Referer (RFC 9700 §4.3.2), so a query <c>access_token</c> is not read at all and the
/// request is answered as one without credentials.
/// </summary>
public static class RequireBearerTokenInHeaderOrBody
{
    public const string FormParameter = OAuthParameterNames.AccessToken;

    /// <summary>The request's credentials; the form body is read only when form-body bearer tokens are allowed.</summary>
    public static async Task<BearerRequest> ReadRequestAsync(HttpContext context, bool allowFormBody)
    {
        var request = context.Request;
        var formTokens = StringValues.Empty;
        if (allowFormBody && !HttpMethods.IsGet(request.Method) && request.HasFormContentType &&
            request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                formTokens = (await request.ReadFormAsync(context.RequestAborted))[FormParameter];
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
            {
                formTokens = new StringValues(["", ""]); // unreadable: reported as a malformed request
            }
        }

        return new BearerRequest(request.IsHttps, request.Headers.Authorization, formTokens)
        {
            DpopProofs = request.Headers[Dpop.RequireDpopProof.HeaderName],
            Method = request.Method,
            Url = Microsoft.AspNetCore.Http.Extensions.UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path),
        };
    }

    /// <summary>
    /// The token, whether it came with the DPoP scheme (RFC 9449 §7.1: <c>Authorization: DPoP &lt;token&gt;</c>, header
    /// only), or why the request's credentials are unusable.
    /// </summary>
    public static (string? Value, bool Dpop, BearerError? Error) Read(BearerRequest request, bool allowFormBody)
    {
        var formTokens = allowFormBody ? request.FormAccessTokens : default;
        if (request.AuthorizationHeaders.Count == 0)
        {
            return formTokens.Count switch
            {
                0 => (null, false, BearerError.NoCredentials()),
                1 when IsToken68(formTokens[0]) => (formTokens[0], false, null),
                _ => (null, false, BearerError.InvalidRequest("The access_token form parameter is malformed or repeated.")),
            };
        }

        if (request.AuthorizationHeaders.Count > 1 || formTokens.Count > 0)
        {
            return (null, false, BearerError.InvalidRequest("Send the access token once, by one method (RFC 6750 section 2)."));
        }

        var (scheme, credentials) = HttpAuthentication.Split(request.AuthorizationHeaders[0] ?? "");
        var dpop = scheme.Equals(OAuthParameterNames.TokenTypeDpop, StringComparison.OrdinalIgnoreCase);
        if (!dpop && !scheme.Equals(BearerScheme.Name, StringComparison.OrdinalIgnoreCase))
        {
            return (null, false, BearerError.InvalidRequest("The Authorization header must use the Bearer or the DPoP scheme."));
        }

        return IsToken68(credentials)
            ? (credentials, dpop, null)
            : (null, dpop, BearerError.InvalidRequest($"The Authorization header is malformed: expected '{scheme} <token>'."));
    }

    /// <summary>RFC 6750 §2.1: <c>b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="</c>.</summary>
    private static bool IsToken68(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 1024)
        {
            return false;
        }

        var body = value.TrimEnd('=');
        return body.Length > 0 && body.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/');
    }
}
