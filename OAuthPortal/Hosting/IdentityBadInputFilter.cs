using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace OAuthPortal.Hosting;

/// <summary>
/// Identity UI's stock pages throw on some malformed links (a code that is not base64url, a two-factor page opened
/// without a pending sign-in). That is bad input, not a server fault: answer 400 (the status page explains) instead of 500.
/// </summary>
public sealed class IdentityBadInputFilter(ILogger<IdentityBadInputFilter> logger) : IExceptionFilter
{
    private static readonly System.Reflection.Assembly IdentityUi = typeof(IdentityBuilderUIExtensions).Assembly;

    public void OnException(ExceptionContext context)
    {
        var thrownByIdentityUi = context.Exception is FormatException or InvalidOperationException &&
            new StackTrace(context.Exception).GetFrames().Any(f => f.GetMethod()?.DeclaringType?.Assembly == IdentityUi);
        if (!thrownByIdentityUi)
        {
            return;
        }

        logger.LogInformation("Bad input on {Page}: {Message}", context.ActionDescriptor.DisplayName, context.Exception.Message);
        context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
        context.ExceptionHandled = true;
    }
}
