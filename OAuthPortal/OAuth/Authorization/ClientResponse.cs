using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>
/// An authorization response on its way to the client's redirect URI: in the query of a redirect (RFC 6749 §4.1.2), or
/// as an auto-submitting form (OAuth 2.0 Form Post Response Mode) when the request asked for <c>form_post</c>.
/// </summary>
public sealed record ClientResponse(string RedirectUri, IReadOnlyList<(string Name, string? Value)> Parameters, string ResponseMode)
{
    public bool IsFormPost => ResponseMode == P.ResponseModeFormPost;

    /// <summary>The redirect's Location: the registered URI's own query kept, the response's parameters appended.</summary>
    public string Location => AuthorizationResponse.AppendParameters(RedirectUri, Parameters);
}
