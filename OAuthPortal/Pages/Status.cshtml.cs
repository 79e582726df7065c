using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OAuthPortal.Pages;

/// <summary>
/// The page shown for an empty error response (403, 404, 405...), re-executed by the status-code middleware with the
/// original request's method, whatever it is: every method is answered by <see cref="OnGet"/>.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    /// <summary>The 503 page's words, also written by Hosting's outage answer when no page can run.</summary>
    public const string UnavailableTitle = "Temporarily unavailable";
    public const string UnavailableExplanation = "The portal cannot reach its database right now, so nothing was changed. Try again in a few seconds.";

    public override void OnPageHandlerSelected(PageHandlerSelectedContext context) =>
        context.HandlerMethod = context.ActionDescriptor.HandlerMethods.Single(h => h.Name is null && h.HttpMethod == "Get");

    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    /// <summary>The request's id, to quote in a report (<see cref="RequestIds"/>).</summary>
    public string RequestId { get; private set; } = "";

    public void OnGet(int code)
    {
        RequestId = RequestIds.Of(HttpContext);
        (Title, Explanation) = code switch
        {
            StatusCodes.Status400BadRequest => ("Bad request",
                "The link or form you used is malformed or has expired. Start again from where you came from."),
            StatusCodes.Status403Forbidden => ("Access denied",
                "You are signed in, but your account is not allowed to open this page."),
            StatusCodes.Status404NotFound => ("Page not found",
                "There is nothing at this address. Check the link, or start again from the home page."),
            StatusCodes.Status429TooManyRequests => ("Too many requests",
                "Too many attempts from your address in a short time. Wait a minute, then try again."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed",
                "This address does not accept that kind of request."),
            StatusCodes.Status503ServiceUnavailable => (UnavailableTitle, UnavailableExplanation),
            _ => ($"Error {code}", "The portal could not complete your request."),
        };

        // Visited directly (not re-executed), the page reports the code it describes.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && code is >= 400 and <= 599)
        {
            Response.StatusCode = code;
        }
    }
}
