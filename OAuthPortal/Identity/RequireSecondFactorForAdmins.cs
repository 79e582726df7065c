using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;

namespace OAuthPortal.Identity;

/// <summary>
/// Portal:RequireTwoFactorForAdmins: an administrator without a second factor (<see cref="SecondFactor"/>) who opens
/// any page of the Admin area is sent to set up an authenticator app, with the page they asked for as a local return
/// URL (a form post returns to the dashboard). Runs after the area's Admin-role authorization, on every admin request.
/// </summary>
public sealed class RequireSecondFactorForAdmins : IAsyncPageFilter
{
    public const string SetUpPage = "/Identity/Account/Manage/EnableAuthenticator";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.RequireTwoFactorForAdmins &&
            http.User.IsInRole(PortalRoles.Admin) &&
            await http.RequestServices.GetRequiredService<UserManager<PortalUser>>().GetUserAsync(http.User) is { } user &&
            !await http.RequestServices.GetRequiredService<SecondFactor>().HasAsync(user))
        {
            var back = HttpMethods.IsGet(http.Request.Method) ? $"{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}" : $"{http.Request.PathBase}/Admin";
            context.Result = new RedirectResult($"{http.Request.PathBase}{SetUpPage}?returnUrl={Uri.EscapeDataString(back)}");
            return;
        }

        await next();
    }
}
