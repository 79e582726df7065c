using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Developer;

/// <summary>The OpenID Connect settings of a client in the developer area: post-logout redirect URIs, back-channel logout URI, id_token algorithm.</summary>
public sealed class OidcClientSettingsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string PostLogout = "Input.PostLogoutRedirectUris";
    private const string Backchannel = "Input.BackchannelLogoutUri";
    private const string Algorithm = "Input.IdTokenSignedResponseAlg";

    private async Task<HttpClient> DeveloperAsync() => await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient browser, string name, Dictionary<string, string> oidc) =>
        DeveloperUi.SubmitCreateAsync(browser, name, "https://app.example.test/cb", type: "Public", extra: oidc);

    private Task<Client?> StoredAsync(string clientId) => factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients
        .Include(c => c.PostLogoutRedirectUris).SingleOrDefaultAsync(c => c.Id == clientId));

    private Task<bool> AnyNamedAsync(string name) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.Name == name));

    [Fact]
    public async Task Register_PostLogoutUrisBackchannelAndEs256_AreShownOnTheDetails()
    {
        var browser = await DeveloperAsync();

        var response = await RegisterAsync(browser, Unique.Name("oidc"), new()
        {
            [PostLogout] = "https://app.example.test/signed-out\nhttp://127.0.0.1:7000/bye",
            [Backchannel] = " https://app.example.test/backchannel ",
            [Algorithm] = "ES256",
        });

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        var (_, details) = await Html.GetPageAsync(browser, response.Headers.Location!.OriginalString);
        Assert.Equal(["https://app.example.test/signed-out", "http://127.0.0.1:7000/bye"],
            details.QuerySelectorAll("[data-test=post-logout-redirect-uri-item]").Select(e => e.TextContent));
        Assert.Equal(["https://app.example.test/cb"], details.QuerySelectorAll("[data-test=redirect-uri-item]").Select(e => e.TextContent));
        Assert.Equal("https://app.example.test/backchannel", details.QuerySelector("[data-test=backchannel-logout-uri]")!.TextContent.Trim());
        Assert.Equal("ES256", details.QuerySelector("[data-test=id-token-alg]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Register_NoOidcSettings_HasNoPostLogoutUrisNoBackchannelAndRs256()
    {
        var browser = await DeveloperAsync();
        var (_, form) = await Html.GetPageAsync(browser, "/Developer/Clients/Create");

        var response = await RegisterAsync(browser, Unique.Name("plain"), []);

        Assert.Equal("RS256", form.QuerySelector<IHtmlSelectElement>("[data-test=id-token-alg-input]")!.Value);
        Assert.Equal("Back-channel logout URI", form.QuerySelector("label[for=Input_BackchannelLogoutUri]")!.TextContent.Replace("(optional)", "").Trim());
        var (_, details) = await Html.GetPageAsync(browser, response.Headers.Location!.OriginalString);
        Assert.NotNull(details.QuerySelector("[data-test=post-logout-redirect-uris-none]"));
        Assert.Contains("none", details.QuerySelector("[data-test=backchannel-logout-uri]")!.TextContent);
        Assert.Equal("RS256", details.QuerySelector("[data-test=id-token-alg]")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("https://app.example.test/bye#frag", "fragment")]
    [InlineData("http://app.example.test/bye", "must use https")]
    [InlineData("https://app.example.test/bye\nhttps://app.example.test/bye", "listed twice")]
    public async Task Register_InvalidPostLogoutUri_ShowsTheReasonAtThatFieldAndSavesNothing(string uris, string expected)
    {
        var name = Unique.Name("bad-logout");

        var response = await RegisterAsync(await DeveloperAsync(), name, new() { [PostLogout] = uris });

        Html.AssertStatus(HttpStatusCode.OK, response);
        var page = await Html.ParseAsync(response);
        Assert.Contains(page.QuerySelectorAll("[data-test=post-logout-redirect-uris-error]"), e => e.TextContent.Contains(expected));
        Assert.Contains("post-logout redirect URI", page.QuerySelector("[data-test=post-logout-redirect-uris-error]")!.TextContent);
        Assert.Contains("is-invalid", page.QuerySelector("[data-test=post-logout-redirect-uris-input]")!.ClassName);
        Assert.Empty(page.QuerySelectorAll("[data-test=redirect-uris-error]"));
        Assert.False(await AnyNamedAsync(name));
    }

    [Fact]
    public async Task Register_TwentyOnePostLogoutUris_IsRefused()
    {
        var name = Unique.Name("many-logout");
        var uris = string.Join('\n', Enumerable.Range(0, 21).Select(i => $"https://app.example.test/bye/{i}"));

        var page = await Html.ParseAsync(await RegisterAsync(await DeveloperAsync(), name, new() { [PostLogout] = uris }));

        Assert.Contains("at most 20 post-logout redirect URIs", page.QuerySelector("[data-test=post-logout-redirect-uris-error]")!.TextContent);
        Assert.False(await AnyNamedAsync(name));
    }

    [Theory]
    [InlineData("https://app.example.test/backchannel#frag", "fragment")]
    [InlineData("http://app.example.test/backchannel", "must use https")]
    [InlineData("myapp://logout", "absolute http or https URL")]
    [InlineData("/backchannel", "absolute http or https URL")]
    public async Task Register_InvalidBackchannelUri_ShowsTheReasonAtThatFieldAndSavesNothing(string uri, string expected)
    {
        var name = Unique.Name("bad-backchannel");

        var response = await RegisterAsync(await DeveloperAsync(), name, new() { [Backchannel] = uri });

        Html.AssertStatus(HttpStatusCode.OK, response);
        var page = await Html.ParseAsync(response);
        var error = page.QuerySelector("[data-test=backchannel-error]")!.TextContent;
        Assert.Contains(expected, error);
        Assert.StartsWith("The back-channel logout URI", error);
        Assert.Contains("is-invalid", page.QuerySelector("[data-test=backchannel-logout-uri-input]")!.ClassName);
        Assert.Equal(uri, page.QuerySelector<IHtmlInputElement>("[data-test=backchannel-logout-uri-input]")!.Value);
        Assert.False(await AnyNamedAsync(name));
    }

    [Fact]
    public async Task Register_UnknownAlgorithm_ShowsTheErrorAtTheSelect()
    {
        var name = Unique.Name("bad-alg");

        var page = await Html.ParseAsync(await RegisterAsync(await DeveloperAsync(), name, new() { [Algorithm] = "HS256" }));

        Assert.Contains("RS256, ES256", page.QuerySelector("[data-test=algorithm-error]")!.TextContent);
        Assert.False(await AnyNamedAsync(name));
    }

    [Fact]
    public async Task Edit_PostLogoutUris_ReplacesTheSetAndTheOtherSettings()
    {
        var browser = await DeveloperAsync();
        var created = await RegisterAsync(browser, Unique.Name("edit-oidc"), new()
        {
            [PostLogout] = "https://app.example.test/old\nhttps://app.example.test/kept", [Backchannel] = "https://app.example.test/bc",
        });
        var clientId = created.Headers.Location!.OriginalString.Split('/').Last();
        var (_, edit) = await Html.GetPageAsync(browser, $"/Developer/Clients/{clientId}/Edit");

        var saved = await Html.SubmitAsync(browser, edit.Form("form#client-form"), new Dictionary<string, string>
        {
            [PostLogout] = "https://app.example.test/kept\nhttps://app.example.test/new", [Backchannel] = "", [Algorithm] = "ES256",
        });

        Html.AssertStatus(HttpStatusCode.Redirect, saved);
        Assert.Equal("https://app.example.test/old\nhttps://app.example.test/kept", edit.QuerySelector("[data-test=post-logout-redirect-uris-input]")!.TextContent);
        var stored = (await StoredAsync(clientId))!;
        Assert.Equal(["https://app.example.test/kept", "https://app.example.test/new"], stored.PostLogoutRedirectUris.OrderBy(r => r.Id).Select(r => r.Uri));
        Assert.Null(stored.BackchannelLogoutUri);
        Assert.Equal("ES256", stored.IdTokenSignedResponseAlg);
        var (_, details) = await Html.GetPageAsync(browser, saved.Headers.Location!.OriginalString);
        Assert.Equal(["https://app.example.test/kept", "https://app.example.test/new"],
            details.QuerySelectorAll("[data-test=post-logout-redirect-uri-item]").Select(e => e.TextContent));
    }

    [Fact]
    public async Task Edit_InvalidBackchannelUri_ShowsTheErrorAndChangesNothing()
    {
        var browser = await DeveloperAsync();
        var created = await RegisterAsync(browser, Unique.Name("edit-bad"), new() { [PostLogout] = "https://app.example.test/bye" });
        var clientId = created.Headers.Location!.OriginalString.Split('/').Last();
        var (_, edit) = await Html.GetPageAsync(browser, $"/Developer/Clients/{clientId}/Edit");

        var response = await Html.SubmitAsync(browser, edit.Form("form#client-form"), new Dictionary<string, string>
        {
            [PostLogout] = "", [Backchannel] = "https://app.example.test/bc#x",
        });

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("fragment", (await Html.ParseAsync(response)).QuerySelector("[data-test=backchannel-error]")!.TextContent);
        var stored = (await StoredAsync(clientId))!;
        Assert.Equal(["https://app.example.test/bye"], stored.PostLogoutRedirectUris.Select(r => r.Uri));
        Assert.Null(stored.BackchannelLogoutUri);
    }
}
