using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages;

public sealed class HomePageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Get_Anonymous_DescribesThePortalWithNavigation()
    {
        var (response, page) = await Html.GetPageAsync(factory.CreateClient(), "/");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("OAuth 2.0 authorization server", page.QuerySelector("main")!.TextContent);
        foreach (var link in new[] { "nav-home", "nav-apps", "nav-developer", "nav-login", "nav-register" })
        {
            Assert.NotNull(page.QuerySelector($"[data-test={link}]"));
        }

        Assert.Null(page.QuerySelector("[data-test=nav-admin]"));
    }

    [Fact]
    public async Task Get_AsAdmin_ShowsTheAdminLink()
    {
        var admin = await TestUsers.CreateAsync(factory, admin: true);
        var client = await SignIn.ClientForAsync(factory, admin.Email!);

        var (_, page) = await Html.GetPageAsync(client, "/");

        Assert.NotNull(page.QuerySelector("[data-test=nav-admin]"));
        Assert.Equal(admin.Email, page.QuerySelector("[data-test=nav-account]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Get_UnknownPage_Renders404StatusPage()
    {
        var (response, page) = await Html.GetPageAsync(factory.CreateClient(), "/no/such/page");

        Html.AssertStatus(HttpStatusCode.NotFound, response);
        Assert.Equal("Page not found", page.QuerySelector("[data-test=status-title]")!.TextContent);
    }
}
