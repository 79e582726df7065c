namespace OAuthPortal.OAuth;

/// <summary>Error codes on the wire (RFC 6749 §§4.1.2.1, 5.2; RFC 6750 §3.1). The only place these strings live.</summary>
public static class OAuthErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string AccessDenied = "access_denied";
    public const string UnsupportedResponseType = "unsupported_response_type";
    public const string InvalidScope = "invalid_scope";
    public const string ServerError = "server_error";
    public const string TemporarilyUnavailable = "temporarily_unavailable";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string UnsupportedTokenType = "unsupported_token_type";
    public const string InvalidToken = "invalid_token";
    public const string InsufficientScope = "insufficient_scope";

    // OpenID Connect Core §3.1.2.6.
    public const string LoginRequired = "login_required";
    public const string ConsentRequired = "consent_required";
    public const string RequestNotSupported = "request_not_supported";
    public const string RequestUriNotSupported = "request_uri_not_supported";

    // RFC 9126 §2.3 (pushed authorization requests); RFC 9101 §10.2.
    public const string InvalidRequestUri = "invalid_request_uri";

    // RFC 8628 §3.5: the device's polling answers.
    public const string AuthorizationPending = "authorization_pending";
    public const string SlowDown = "slow_down";
    public const string ExpiredToken = "expired_token";

    // RFC 8707 §2: a resource parameter that is malformed, unknown, or not among those granted.
    public const string InvalidTarget = "invalid_target";

    // RFC 9449 §§5, 7.1, 8: DPoP.
    public const string InvalidDpopProof = "invalid_dpop_proof";
    public const string UseDpopNonce = "use_dpop_nonce";

    // RFC 7591 §3.2.2: dynamic client registration.
    public const string InvalidRedirectUri = "invalid_redirect_uri";
    public const string InvalidClientMetadata = "invalid_client_metadata";
    public const string InvalidSoftwareStatement = "invalid_software_statement";
}
