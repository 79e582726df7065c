using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages;

/// <summary>The conventions in AddPortalUi: who may open which area.</summary>
public sealed class AreaAuthorizationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/Admin")]
    [InlineData("/Developer")]
    [InlineData("/Account/Apps")]
    public async Task Get_Anonymous_RedirectsToLoginWithReturnUrl(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal($"/Identity/Account/Login?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task GetAdmin_SignedInNonAdmin_Is403Page()
    {
        var user = await TestUsers.CreateAsync(factory);
        var client = await SignIn.ClientForAsync(factory, user.Email!);

        var (response, page) = await Html.GetPageAsync(client, "/Admin");

        Html.AssertStatus(HttpStatusCode.Forbidden, response);
        Assert.Equal("Access denied", page.QuerySelector("[data-test=status-title]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-test=placeholder]"));
    }

    [Fact]
    public async Task GetAdmin_Admin_ShowsTheDashboard()
    {
        var admin = await TestUsers.CreateAsync(factory, admin: true);
        var client = await SignIn.ClientForAsync(factory, admin.Email!);

        var (response, page) = await Html.GetPageAsync(client, "/Admin");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull(page.QuerySelector("[data-test=counts]"));
    }
}
