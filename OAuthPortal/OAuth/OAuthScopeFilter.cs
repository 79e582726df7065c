using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace OAuthPortal.OAuth;

/// <summary>
/// Enforces <see cref="OAuthScopeAttribute"/> for MVC actions (controller and action attributes) and Razor Page
/// handlers (page model and handler method attributes). Registered once, globally.
/// </summary>
public sealed class OAuthScopeFilter(BearerGate gate) : IAsyncActionFilter, IAsyncPageFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var required = OAuthScopeAttribute.Union(context.ActionDescriptor.EndpointMetadata);
        if (required.Count > 0 && !await gate.AdmitAsync(context.HttpContext, required))
        {
            context.Result = new EmptyResult();
            return;
        }

        await next();
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var declarations = context.ActionDescriptor.EndpointMetadata
            .Concat(context.HandlerMethod?.MethodInfo.GetCustomAttributes<OAuthScopeAttribute>() ?? []);
        var required = OAuthScopeAttribute.Union(declarations);
        if (required.Count > 0 && !await gate.AdmitAsync(context.HttpContext, required))
        {
            context.Result = new EmptyResult();
            return;
        }

        await next();
    }
}
