using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;

namespace OAuthPortal.Tests.Support;

/// <summary>Two-factor steps through the real pages: set up an authenticator app, sign in with its code.</summary>
public static class TwoFactorUi
{
    public const string EnablePage = "/Identity/Account/Manage/EnableAuthenticator";

    /// <summary>Sets up an authenticator app for the signed-in <paramref name="browser"/>: the key it was given and the response to the verifying POST.</summary>
    public static async Task<(string Key, HttpResponseMessage Response)> EnableAsync(HttpClient browser, string url = EnablePage)
    {
        var (_, page) = await Html.GetPageAsync(browser, url);
        var key = page.QuerySelector("[data-test=authenticator-key]")!.TextContent;
        var response = await Html.SubmitAsync(browser, page.Form("form#send-code"), new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });
        return (key, response);
    }

    /// <summary>A new browser signed in as a user with an authenticator set up: password, then the app's code.</summary>
    public static async Task<HttpClient> SignInAsync(PortalFactory factory, string email, string key)
    {
        var browser = factory.CreateClient();
        var login = await SignIn.PostLoginAsync(browser, email, TestUsers.Password);
        Html.AssertStatus(HttpStatusCode.Redirect, login);
        Assert.Contains("/Identity/Account/LoginWith2fa", login.Headers.Location!.OriginalString);
        Html.AssertStatus(HttpStatusCode.Redirect, await SubmitCodeAsync(browser, login.Headers.Location!.OriginalString, Totp.Code(key)));
        return browser;
    }

    /// <summary>Sends <paramref name="code"/> on the second-step page at <paramref name="url"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitCodeAsync(HttpClient browser, string url, string code, bool rememberBrowser = false)
    {
        var (_, page) = await Html.GetPageAsync(browser, url);
        var values = new Dictionary<string, string> { ["Input.TwoFactorCode"] = code };
        if (rememberBrowser)
        {
            values["Input.RememberMachine"] = "true";
        }

        return await Html.SubmitAsync(browser, page.Form("form#two-factor"), values);
    }

    public static Task<List<AuditEvent>> AuditAsync(PortalFactory factory, AuditAction action) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync());
}
