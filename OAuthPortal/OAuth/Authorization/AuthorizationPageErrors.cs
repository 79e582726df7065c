namespace OAuthPortal.OAuth.Authorization;

/// <summary>The plain-words explanation, and the stable code used in <c>/oauth2/error?reason=</c>, of each page error.</summary>
public static class AuthorizationPageErrors
{
    private static readonly Dictionary<AuthorizationPageError, (string Code, string Message)> Texts = new()
    {
        [AuthorizationPageError.InsecureRequest] = ("insecure_request",
            "The authorization request was not made over HTTPS, so it was refused to protect your account."),
        [AuthorizationPageError.MissingClientId] = ("missing_client_id",
            "The request does not say which application is asking for access (client_id is missing)."),
        [AuthorizationPageError.UnknownClient] = ("unknown_client",
            "The application that sent you here is not registered with this portal."),
        [AuthorizationPageError.DisabledClient] = ("disabled_client",
            "The application that sent you here has been disabled and cannot ask for access."),
        [AuthorizationPageError.RepeatedParameter] = ("repeated_parameter",
            "The request is malformed: client_id or redirect_uri appears more than once."),
        [AuthorizationPageError.RedirectUriNotRegistered] = ("redirect_uri_not_registered",
            "The application asked to send you back to an address (redirect URI) it has not registered."),
        [AuthorizationPageError.RedirectUriRequired] = ("redirect_uri_required",
            "The application has several registered return addresses and did not say which one to use (redirect_uri is missing)."),
        [AuthorizationPageError.RedirectUriNotAllowed] = ("redirect_uri_not_allowed",
            "The application's return address is not allowed: it must be an absolute https URL without a fragment or user name."),
        [AuthorizationPageError.MalformedRequest] = ("malformed_request",
            "The authorization request is malformed."),
        [AuthorizationPageError.InvalidConsentForm] = ("invalid_consent_form",
            "Your answer could not be accepted: the consent form expired or was not sent from this portal. Nothing was granted."),
        [AuthorizationPageError.OversizedParameter] = ("oversized_parameter",
            "The request is malformed: one of its parameters is far longer than any valid value."),
        [AuthorizationPageError.InvalidRequestUri] = (OAuthErrorCodes.InvalidRequestUri,
            "The application's request has expired or was already used (its request_uri is no longer valid). Go back to the application and start again."),
    };

    public static string Code(AuthorizationPageError error) => Texts[error].Code;

    public static string Message(AuthorizationPageError error) => Texts[error].Message;

    public static AuthorizationPageError? FromCode(string? code) =>
        Texts.Where(t => t.Value.Code == code).Select(t => (AuthorizationPageError?)t.Key).FirstOrDefault();
}
