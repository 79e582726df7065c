using System.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace OAuthPortal.Hosting;

/// <summary>
/// Identity UI's stock pages throw on some malformed requests: a code that is not base64url, a two-factor page opened
/// without a pending sign-in, a missing login provider, an external-login provider that does not exist (its challenge
/// throws while the result runs, beyond any exception filter). That is bad input, not a server fault: 400 (the status
/// page explains) instead of 500.
/// </summary>
public sealed class IdentityBadInputFilter(IAuthenticationSchemeProvider schemes, ILogger<IdentityBadInputFilter> logger) : IExceptionFilter, IAsyncPageFilter
{
    private static readonly System.Reflection.Assembly IdentityUi = typeof(IdentityBuilderUIExtensions).Assembly;

    public void OnException(ExceptionContext context)
    {
        var thrownByIdentityUi = context.Exception is FormatException or InvalidOperationException or ArgumentException &&
            new StackTrace(context.Exception).GetFrames().Any(f => f.GetMethod()?.DeclaringType?.Assembly == IdentityUi);
        if (!thrownByIdentityUi)
        {
            return;
        }

        logger.LogInformation("Bad input on {Page}: {Message}", context.ActionDescriptor.DisplayName, context.Exception.Message);
        context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
        context.ExceptionHandled = true;
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    /// <summary>An external-login handler's <c>provider</c> must name a registered external scheme (the portal registers none by default).</summary>
    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.ActionDescriptor.AreaName == "Identity" &&
            context.HandlerArguments.FirstOrDefault(a => a.Key.Equals("provider", StringComparison.OrdinalIgnoreCase)) is { Key: not null } provider &&
            !(await schemes.GetAllSchemesAsync()).Any(s => s.DisplayName is not null && s.Name == provider.Value as string))
        {
            logger.LogInformation("Bad input on {Page}: no external login provider '{Provider}'", context.ActionDescriptor.DisplayName, provider.Value);
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
            return;
        }

        await next();
    }
}
