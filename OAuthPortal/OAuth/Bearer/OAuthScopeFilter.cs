using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OAuthPortal.OAuth.Bearer;

/// <summary>
/// Enforces <see cref="OAuthScopeAttribute"/> on Razor Page handler methods (which are not endpoint metadata), and
/// checks MVC actions again behind <see cref="OAuthScopeMiddleware"/>. Registered once, globally.
/// </summary>
public sealed class OAuthScopeFilter : IAsyncActionFilter, IAsyncPageFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        // The action's declarations are endpoint metadata: already enforced when the middleware ran.
        if (EndpointScopesAdmitted.For(context.HttpContext) ||
            await AdmitAsync(context.HttpContext, OAuthScopeAttribute.Union(context.ActionDescriptor.EndpointMetadata)))
        {
            await next();
            return;
        }

        context.Result = new EmptyResult();
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (await AdmitAsync(context.HttpContext, OAuthScopeAttribute.Union(Declarations(context))))
        {
            await next();
            return;
        }

        context.Result = new EmptyResult();
    }

    /// <summary>
    /// The page model's declarations (unless the middleware enforced them already) and the selected handler's. When no
    /// handler matches the request (Razor Pages then render the page anyway), every handler's declarations apply: a page
    /// never renders past a protection.
    /// </summary>
    private static IEnumerable<object> Declarations(PageHandlerExecutingContext context)
    {
        var handlers = context.HandlerMethod is { } selected ? [selected] : context.ActionDescriptor.HandlerMethods;
        var pageLevel = EndpointScopesAdmitted.For(context.HttpContext) ? [] : context.ActionDescriptor.EndpointMetadata;
        return pageLevel.Concat(handlers.SelectMany(h => h.MethodInfo.GetCustomAttributes<OAuthScopeAttribute>()));
    }

    private static async Task<bool> AdmitAsync(HttpContext context, IReadOnlyCollection<string>? required) =>
        required is null || await context.RequestServices.GetRequiredService<BearerGate>().AdmitAsync(context, required);
}
