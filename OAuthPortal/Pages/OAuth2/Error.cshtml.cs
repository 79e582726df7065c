using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.OAuth.Authorization;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>
/// djoauth2's <c>missing_redirect_uri</c> page: explains, with HTTP 400, an authorization request that could not be
/// sent back to its client. Shows one of the fixed explanations (never text from the URL) and never redirects.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Message { get; private set; } = "";

    public string? Reason { get; private set; }

    /// <summary>The request's id, to quote in a report (<see cref="RequestIds"/>).</summary>
    public string RequestId { get; private set; } = "";

    public void OnGet(string? reason)
    {
        var error = AuthorizationPageErrors.FromCode(reason) ?? AuthorizationPageError.MalformedRequest;
        (Message, Reason) = (AuthorizationPageErrors.Message(error), AuthorizationPageErrors.Code(error));
        RequestId = RequestIds.Of(HttpContext);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Response.Headers.CacheControl = "no-store";
    }
}
