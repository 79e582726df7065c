using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.OAuth2;

/// <summary>
/// The consent page shows a client's image (a developer's image URL, a program's logo_uri) only when it is an absolute https
/// URL, whatever is stored: the rows here are written straight to the database, past the registration rules.
/// </summary>
public sealed class AuthorizeLogoTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<AngleSharp.Html.Dom.IHtmlDocument> ConsentPageWithImageAsync(string imageUrl)
    {
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1);
        await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == scenario.ClientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.ImageUrl, imageUrl)));
        var (response, page) = await Html.GetPageAsync(scenario.Browser, scenario.AuthorizeUrl());
        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull(page.QuerySelector("[data-test=client-card]"));
        return page;
    }

    [Fact]
    public async Task Consent_HttpsImage_IsShown()
    {
        var page = await ConsentPageWithImageAsync("https://cdn.example.test/logo.png");

        Assert.Equal("https://cdn.example.test/logo.png", page.QuerySelector("[data-test=client-image]")!.GetAttribute("src"));
    }

    [Theory]
    [InlineData("http://cdn.example.test/logo.png")]
    [InlineData("/favicon.ico")]
    [InlineData("javascript:alert(1)")]
    public async Task Consent_ImageThatIsNotAbsoluteHttps_IsNotShown(string imageUrl)
    {
        var page = await ConsentPageWithImageAsync(imageUrl);

        Assert.Null(page.QuerySelector("[data-test=client-image]"));
        Assert.DoesNotContain(page.QuerySelectorAll("img"), img => img.GetAttribute("src") == imageUrl);
    }
}
