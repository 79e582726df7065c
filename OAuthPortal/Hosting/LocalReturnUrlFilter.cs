using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Routing;

namespace OAuthPortal.Hosting;

/// <summary>
/// Drops a <c>returnUrl</c> handler argument that is not a local URL before any page sees it, so that no page
/// (our own or Identity UI's) can be used as an open redirector or made to throw by LocalRedirect.
/// </summary>
public sealed class LocalReturnUrlFilter(IUrlHelperFactory urlHelperFactory) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var url = urlHelperFactory.GetUrlHelper(context);
        foreach (var key in context.HandlerArguments.Keys.Where(k => k.Equals("returnUrl", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            if (context.HandlerArguments[key] is string value && !url.IsLocalUrl(value))
            {
                context.HandlerArguments[key] = null;
            }
        }

        return next();
    }
}
