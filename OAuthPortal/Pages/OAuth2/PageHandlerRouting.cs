using Microsoft.AspNetCore.Mvc.Filters;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>
/// Razor Pages render the page when no handler matches a request method; protocol endpoints must not. This sends
/// every request of a method the endpoint does not take to one named handler, and a "handler" parameter that names
/// no handler (an unrecognised parameter, RFC 6749 §3.1) to the plain handler of the method.
/// </summary>
public static class PageHandlerRouting
{
    public static void Route(PageHandlerSelectedContext context, string method, string fallbackHandler, params string[] allowedMethods)
    {
        var allowed = allowedMethods.Contains(method, StringComparer.OrdinalIgnoreCase);
        var handledAs = HttpMethods.IsHead(method) ? HttpMethods.Get : method; // where HEAD is allowed, the GET handler answers it
        if (allowed && context.HandlerMethod is { } selected && selected.Name != fallbackHandler)
        {
            return;
        }

        context.HandlerMethod = context.ActionDescriptor.HandlerMethods.First(h => allowed
            ? h.Name is null && string.Equals(h.HttpMethod, handledAs, StringComparison.OrdinalIgnoreCase)
            : h.Name == fallbackHandler);
    }
}
