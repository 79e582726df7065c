using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>Every admin page carries the admin navigation with its own section marked current; the dashboard links its figures.</summary>
public sealed class AdminNavigationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/Admin", "admin-nav-dashboard")]
    [InlineData("/Admin/Users", "admin-nav-users")]
    [InlineData("/Admin/Users/Create", "admin-nav-users")]
    [InlineData("/Admin/Clients", "admin-nav-clients")]
    [InlineData("/Admin/Tokens", "admin-nav-tokens")]
    [InlineData("/Admin/Scopes", "admin-nav-scopes")]
    [InlineData("/Admin/Resources", "admin-nav-resources")]
    [InlineData("/Admin/Keys", "admin-nav-keys")]
    [InlineData("/Admin/Keys/Rotate", "admin-nav-keys")]
    [InlineData("/Admin/Audit", "admin-nav-audit")]
    [InlineData("/Admin/Security", "admin-nav-security")]
    public async Task AdminPage_Always_HasTheAdminNavigationWithItsSectionCurrent(string path, string current)
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);

        var (response, page) = await Html.GetPageAsync(admin, path);

        Html.AssertStatus(HttpStatusCode.OK, response);
        var nav = page.QuerySelector("nav[data-test=admin-nav]")!;
        Assert.Equal([current], nav.QuerySelectorAll("a[aria-current=page]").Select(a => a.GetAttribute("data-test")));
        Assert.Equal(9, nav.QuerySelectorAll("a").Length);
        Assert.Equal("page", page.QuerySelector("[data-test=nav-admin]")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task UserDetails_AndItsConfirmations_MarkUsersCurrent()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var user = await TestUsers.CreateAsync(factory);

        var (_, details) = await Html.GetPageAsync(admin, $"/Admin/Users/Details/{user.Id}");
        var (_, confirmation) = await Html.GetPageAsync(admin, $"/Admin/Users/Details/{user.Id}?handler=Lock");

        Assert.Equal("admin-nav-users", details.QuerySelector("[data-test=admin-nav] a[aria-current=page]")!.GetAttribute("data-test"));
        Assert.Equal("admin-nav-users", confirmation.QuerySelector("[data-test=admin-nav] a[aria-current=page]")!.GetAttribute("data-test"));
    }

    [Fact]
    public async Task Dashboard_EachCard_LinksToItsList()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);

        var (_, page) = await Html.GetPageAsync(admin, "/Admin");

        Assert.Equal(
            [("Users", "/Admin/Users"), ("Clients", "/Admin/Clients"), ("Scopes", "/Admin/Scopes"), ("Active tokens", "/Admin/Tokens")],
            page.QuerySelectorAll("a[data-test=card-link]").Select(a => (a.GetAttribute("data-label")!, a.GetAttribute("href")!)));
    }

    [Fact]
    public async Task Dashboard_NoTokensIssued_ShowsTheChartsEmptyState()
    {
        using var fresh = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(fresh);

        var (_, page) = await Html.GetPageAsync(admin, "/Admin");

        Assert.Contains("No activity yet", page.QuerySelector("[data-test=tokens-chart] [data-test=chart-empty]")!.TextContent);
    }
}
