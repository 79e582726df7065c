using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Hardening;

/// <summary>Security headers on every HTML response; HSTS outside Development; no inline script on any page.</summary>
public sealed class SecurityHeadersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/Identity/Account/Register")]
    [InlineData("/oauth2/error?reason=unknown_client")]
    [InlineData("/no/such/page")]
    public async Task HtmlPage_Anonymous_CarriesTheSecurityHeaders(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        AssertHardened(response);
    }

    [Theory]
    [InlineData("/Admin")]
    [InlineData("/Admin/Tokens")]
    [InlineData("/Developer/Clients")]
    [InlineData("/Account/Apps")]
    public async Task HtmlPage_SignedIn_CarriesTheSecurityHeadersAndNoInlineScript(string path)
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);

        var (response, page) = await Html.GetPageAsync(admin, path);

        Html.AssertStatus(HttpStatusCode.OK, response);
        AssertHardened(response);
        Assert.DoesNotContain(page.QuerySelectorAll("script:not([src])"), s => s.TextContent.Trim().Length > 0);
        Assert.Empty(page.QuerySelectorAll("[onclick], [onload], [onsubmit], [onerror]"));
    }

    [Fact]
    public async Task ConsentPage_KeepsItsNoReferrerAndGetsTheSiteCsp()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());

        AssertHardened(response);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Hsts_OutsideDevelopment_IsSentOverHttps()
    {
        using var production = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:Issuer"] = "https://portal.example.test" }, "Production");
        var client = production.CreateClient();
        client.BaseAddress = new Uri("https://portal.example.test"); // HSTS is never sent to localhost

        var response = await client.GetAsync("/");

        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    private static void AssertHardened(HttpResponseMessage response)
    {
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"));
    }
}
