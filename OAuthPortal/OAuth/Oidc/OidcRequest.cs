using System.Globalization;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Http;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>
/// The OpenID Connect parameters of an authorization request (Core §3.1.2.1), read once and checked for shape. They
/// apply to plain OAuth 2.0 requests too (prompt, max_age, login_hint, response_mode are harmless there); the id_token
/// is issued only when <c>openid</c> is granted.
/// </summary>
public sealed record OidcRequest(
    bool OpenId,
    string? Nonce,
    IReadOnlySet<string> Prompt,
    long? MaxAge,
    string? LoginHint,
    string? IdTokenHint,
    string ResponseMode,
    RequestedClaims Claims)
{
    public bool PromptNone => Prompt.Contains(P.PromptNone);

    /// <summary><c>prompt=login</c>, or <c>select_account</c>, which the portal (one account per browser) treats as login.</summary>
    public bool PromptLogin => Prompt.Contains(P.PromptLogin) || Prompt.Contains(P.PromptSelectAccount);

    public bool PromptConsent => Prompt.Contains(P.PromptConsent);

    /// <summary>The response mode of a request, as far as it can be read: errors about the request itself use it too.</summary>
    public static string ResponseModeOf(ProtocolParameters parameters) =>
        parameters.Get(P.ResponseMode) == P.ResponseModeFormPost ? P.ResponseModeFormPost : P.ResponseModeQuery;

    public static (OidcRequest? Request, OAuthError? Error) Parse(ProtocolParameters parameters, bool openId)
    {
        // §6: request objects are refused until supported, each with its own error.
        if (parameters.Get(P.Request) is not null)
        {
            return (null, new OAuthError(OAuthErrorCodes.RequestNotSupported, "Request objects ('request') are not supported."));
        }

        if (parameters.Get(P.RequestUri) is not null)
        {
            return (null, new OAuthError(OAuthErrorCodes.RequestUriNotSupported, "'request_uri' is supported only as handed out by the pushed authorization request endpoint (RFC 9126)."));
        }

        var responseMode = parameters.Get(P.ResponseMode) ?? P.ResponseModeQuery;
        if (responseMode is not (P.ResponseModeQuery or P.ResponseModeFormPost))
        {
            return (null, OAuthError.InvalidRequest("'response_mode' must be 'query' or 'form_post'."));
        }

        var prompt = (parameters.Get(P.Prompt) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (prompt.Contains(P.PromptNone) && prompt.Count > 1)
        {
            return (null, OAuthError.InvalidRequest("'prompt=none' cannot be combined with other values."));
        }

        long? maxAge = null;
        if (parameters.Get(P.MaxAge) is { } maxAgeText)
        {
            if (!long.TryParse(maxAgeText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return (null, OAuthError.InvalidRequest("'max_age' must be a number of seconds."));
            }

            maxAge = seconds;
        }

        var nonce = parameters.Get(P.Nonce);
        if (nonce is { Length: > AuthorizationCode.MaxNonceLength })
        {
            return (null, OAuthError.InvalidRequest($"'nonce' must be at most {AuthorizationCode.MaxNonceLength} characters."));
        }

        var (claims, claimsProblem) = RequestedClaims.Parse(parameters.Get(P.Claims));
        if (claims is null)
        {
            return (null, OAuthError.InvalidRequest(claimsProblem!));
        }

        if (claims.Serialize() is { Length: > Grant.MaxClaimsRequestLength })
        {
            return (null, OAuthError.InvalidRequest("'claims' asks for too much."));
        }

        return (new OidcRequest(openId, nonce, prompt, maxAge, parameters.Get(P.LoginHint), parameters.Get(P.IdTokenHint), responseMode, claims), null);
    }
}
