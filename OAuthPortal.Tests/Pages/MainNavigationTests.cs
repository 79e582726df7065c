using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages;

/// <summary>The layout's main navigation marks the section of the page shown (aria-current="page"), and only that one.</summary>
public sealed class MainNavigationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] Links = ["nav-home", "nav-apps", "nav-developer", "nav-admin", "nav-account"];

    [Theory]
    [InlineData("/", "nav-home")]
    [InlineData("/Account/Apps", "nav-apps")]
    [InlineData("/Developer/Clients", "nav-developer")]
    [InlineData("/Developer/Clients/Create", "nav-developer")]
    [InlineData("/Developer/RegistrationTokens", "nav-developer")]
    [InlineData("/Admin", "nav-admin")]
    [InlineData("/Admin/Tokens", "nav-admin")]
    [InlineData("/Identity/Account/Manage", "nav-account")]
    [InlineData("/Identity/Account/Login", null)]
    public async Task Page_InASection_MarksThatSectionsLinkOnly(string url, string? current)
    {
        var admin = await TestUsers.CreateAsync(factory, admin: true);
        var browser = await SignIn.ClientForAsync(factory, admin.Email!);

        var (response, page) = await Html.GetPageAsync(browser, url);

        Html.AssertStatus(System.Net.HttpStatusCode.OK, response);
        var marked = Links.Where(l => page.QuerySelector($"[data-test={l}]")?.GetAttribute("aria-current") == "page").ToList();
        Assert.Equal(current is null ? [] : [current], marked);
    }

    [Fact]
    public async Task Layout_Head_LoadsTheThemeScriptFromAFileAndNoInlineScript()
    {
        var (_, page) = await Html.GetPageAsync(factory.CreateClient(), "/");

        var script = page.Head!.QuerySelector("script[src*='/js/theme']");

        Assert.NotNull(script);
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.NotNull(page.QuerySelector("[data-test=theme-toggle][hidden]"));
    }
}
