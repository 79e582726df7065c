namespace OAuthPortal.OAuth.Authorization;

/// <summary>
/// Authorization request failures that cannot be sent back to the client, because the client or its redirect URI
/// is not known to be genuine: they are shown on the portal's error page and never redirected (RFC 6749 §4.1.2.1,
/// RFC 9700 §4.11). djoauth2 sent these to its <c>missing_redirect_uri</c>.
/// </summary>
public enum AuthorizationPageError
{
    InsecureRequest,
    MissingClientId,
    UnknownClient,
    DisabledClient,
    RepeatedParameter,
    RedirectUriNotRegistered,
    RedirectUriRequired,
    RedirectUriNotAllowed,
    MalformedRequest,
    InvalidConsentForm,
    OversizedParameter,

    /// <summary>RFC 9126 §4: a request_uri that is unknown, expired, already used, or pushed by another client.</summary>
    InvalidRequestUri,
}
