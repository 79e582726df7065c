namespace OAuthPortal.OAuth.Authorization;

/// <summary>An error to send back to the client's validated redirect URI (RFC 6749 §4.1.2.1), in the request's response mode.</summary>
public sealed record AuthorizationRedirect(string RedirectUri, string? State, OAuthError Error, string ResponseMode = OAuthParameterNames.ResponseModeQuery);
