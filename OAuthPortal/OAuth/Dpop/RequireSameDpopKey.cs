using OAuthPortal.Data;
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
    public static OAuthError? ForCode(AuthorizationCode code, TokenRequestContext request) =>
        code.DpopJkt is { } bound && request.Dpop?.Jkt != bound
            ? new OAuthError(OAuthErrorCodes.InvalidGrant, "The authorization code is bound to a DPoP key (dpop_jkt): send a proof made with that key.")
            : null;

    public static OAuthError? ForRefresh(AccessToken token, TokenRequestContext request) =>
        token.DpopJkt is { } bound && request.Client.Type == ClientType.Public && request.Dpop?.Jkt != bound
            ? new OAuthError(OAuthErrorCodes.InvalidGrant, "The refresh token is bound to a DPoP key: send a proof made with that key.")
            : null;
}
