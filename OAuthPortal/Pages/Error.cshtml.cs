using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OAuthPortal.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    /// <summary>Re-executed by the exception handler with the failed request's method, whatever it is.</summary>
    public override void OnPageHandlerSelected(PageHandlerSelectedContext context) =>
        context.HandlerMethod = context.ActionDescriptor.HandlerMethods.Single(h => h.HttpMethod == "Get");

    /// <summary>The failed request's id: the same as in its X-Request-Id header and on its log lines (<see cref="RequestIds"/>).</summary>
    public string? RequestId { get; private set; }

    public void OnGet() => RequestId = RequestIds.Of(HttpContext);
}
