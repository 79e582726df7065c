using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>The lockout page says how long from the end of the lock the login met (alike for every address) and links back to sign in.</summary>
public sealed class LockoutPageTests
{
    private static async Task<HttpClient> LockOutAsync(PortalFactory factory, string email)
    {
        var client = factory.CreateClient();
        HttpResponseMessage last = null!;
        for (var attempt = 0; attempt < 6; attempt++)
        {
            last = await SignIn.PostLoginAsync(client, email, "Wrong-password-1");
        }

        Assert.Equal("/Identity/Account/Lockout", last.Headers.Location?.OriginalString);
        return client;
    }

    [Fact]
    public async Task Lockout_AfterWrongPasswords_SaysHowLongFromTheLocksEndAndLinksBackToLogIn()
    {
        using var factory = new PortalFactory();
        var user = await TestUsers.CreateAsync(factory);
        var client = await LockOutAsync(factory, user.Email!);
        factory.Clock.Advance(TimeSpan.FromMinutes(10));

        var (response, page) = await Html.GetPageAsync(client, "/Identity/Account/Lockout");

        Html.AssertStatus(HttpStatusCode.OK, response);
        var wait = page.QuerySelector("[data-test=lockout-wait]")!;
        Assert.Contains("Try again in about 5 minutes", wait.TextContent);
        var end = PortalFactory.Start.UtcDateTime + TimeSpan.FromMinutes(15);
        Assert.Contains(end.ToString("HH:mm 'UTC'"), wait.TextContent);
        Assert.Equal("/Identity/Account/Login", page.QuerySelector("[data-test=lockout-back]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Lockout_KnownOrUnknownAddress_SamePage()
    {
        using var factory = new PortalFactory();
        var user = await TestUsers.CreateAsync(factory);

        var known = await (await LockOutAsync(factory, user.Email!)).GetStringAsync("/Identity/Account/Lockout");
        var unknown = await (await LockOutAsync(factory, Unique.Email("nobody"))).GetStringAsync("/Identity/Account/Lockout");

        Assert.Contains("Try again in about 15 minutes", known);
        Assert.Equal(Normalize(known), Normalize(unknown));
    }

    [Fact]
    public async Task Lockout_OpenedWithoutALock_SaysHowLongAPauseLastsAndThatAnAdminLockLastsUntilLifted()
    {
        using var factory = new PortalFactory();

        var (_, page) = await Html.GetPageAsync(factory.CreateClient(), "/Identity/Account/Lockout");

        Assert.Null(page.QuerySelector("[data-test=lockout-wait]"));
        var text = page.QuerySelector("[data-test=lockout-explanation]")!.TextContent;
        Assert.Contains("lasts about 15 minutes", text);
        Assert.Contains("until they lift it", text);
    }

    // The antiforgery token and request id differ between any two responses.
    private static string Normalize(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "(value|content|data-request-id)=\"[^\"]*\"", "$1=\"\"");
}
