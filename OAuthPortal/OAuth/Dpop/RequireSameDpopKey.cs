using OAuthPortal.Data;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.OAuth.Dpop;

/// <summary>
/// What a DPoP binding promises later: a code bound by <c>dpop_jkt</c> is redeemed only with a proof of that key
/// (RFC 9449 §10); a public client's refresh token only with a proof of the key its token is bound to (§5: the refresh
/// token is bound too, the client has nothing else to prove it is the same). A confidential client's refresh token is
/// bound to its client authentication instead, and its new access token to whatever key the refresh proves.
/// </summary>
public static class RequireSameDpopKey
{
    /// <summary>The length of a base64url SHA-256 thumbprint (RFC 7638 with SHA-256, unpadded).</summary>
    public const int ThumbprintLength = 43;

    /// <summary>RFC 9449 §10: <c>dpop_jkt</c>, when sent, is a JWK SHA-256 thumbprint.</summary>
    public static OAuthError? CheckAuthorizationRequest(ProtocolParameters parameters) =>
        parameters.Get(OAuthParameterNames.DpopJkt) is { } jkt && !IsThumbprint(jkt)
            ? OAuthError.InvalidRequest("'dpop_jkt' must be the base64url SHA-256 JWK thumbprint of the client's DPoP key (RFC 9449 section 10).")
            : null;

    private static bool IsThumbprint(string value) =>
        value.Length == ThumbprintLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static OAuthError? ForCode(AuthorizationCode code, TokenRequestContext request) =>
        code.DpopJkt is { } bound && request.Dpop?.Jkt != bound
            ? new OAuthError(OAuthErrorCodes.InvalidGrant, "The authorization code is bound to a DPoP key (dpop_jkt): send a proof made with that key.")
            : null;

    public static OAuthError? ForRefresh(AccessToken token, TokenRequestContext request) =>
        token.DpopJkt is { } bound && request.Client.Type == ClientType.Public && request.Dpop?.Jkt != bound
            ? new OAuthError(OAuthErrorCodes.InvalidGrant, "The refresh token is bound to a DPoP key: send a proof made with that key.")
            : null;
}
