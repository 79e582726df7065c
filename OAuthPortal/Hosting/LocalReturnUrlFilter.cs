using Microsoft.AspNetCore.Mvc.Filters;

namespace OAuthPortal.Hosting;

/// <summary>
/// Drops a <c>returnUrl</c> handler argument that is not a local URL before any page sees it, so that
/// no page (our own or Identity UI's) can be used as an open redirector or be made to throw.
/// </summary>
public sealed class LocalReturnUrlFilter : IAsyncPageFilter
{
    private const string ReturnUrl = "returnUrl";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        foreach (var key in context.HandlerArguments.Keys.Where(k => k.Equals(ReturnUrl, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            if (context.HandlerArguments[key] is string url && !IsLocal(url))
            {
                context.HandlerArguments[key] = null;
            }
        }

        return next();
    }

    /// <summary>Same rule as IUrlHelper.IsLocalUrl: "/path" or "~/path", never "//host" or "/\host".</summary>
    public static bool IsLocal(string url) =>
        url.Length > 0 &&
        ((url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))) ||
         (url.Length > 1 && url[0] == '~' && url[1] == '/' && (url.Length == 2 || (url[2] != '/' && url[2] != '\\')))) &&
        !url.Any(char.IsControl);
}
