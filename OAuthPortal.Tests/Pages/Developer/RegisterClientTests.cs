using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Developer;

/// <summary>/Developer/Clients and /Developer/Clients/Create, and the one-time secret page.</summary>
public sealed class RegisterClientTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<HttpClient> DeveloperAsync() => await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);

    private Task<Client?> StoredAsync(string clientId) => factory.WithScopeAsync(s =>
        s.GetRequiredService<PortalDbContext>().Clients.Include(c => c.RedirectUris).SingleOrDefaultAsync(c => c.Id == clientId));

    [Fact]
    public async Task MyClients_NoClients_ExplainsWhatAClientIsAndLinksToRegister()
    {
        var (response, page) = await Html.GetPageAsync(await DeveloperAsync(), "/Developer/Clients");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("A client is an application", page.QuerySelector("[data-test=empty-state]")!.TextContent);
        Assert.Equal("/Developer/Clients/Create", page.QuerySelector("[data-test=register-client]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Developer_Root_RedirectsToMyClients()
    {
        var response = await (await DeveloperAsync()).GetAsync("/Developer");

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal("/Developer/Clients", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Register_Confidential_ShowsTheSecretOnceAndStoresOnlyItsHash()
    {
        var browser = await DeveloperAsync();

        var response = await DeveloperUi.SubmitCreateAsync(browser, "Billing", "https://billing.example.test/cb\nhttps://billing.example.test/cb2",
            description: "Reads invoices", imageUrl: "https://cdn.example.test/logo.png");
        var secretUrl = response.Headers.Location!.OriginalString;
        var (secretResponse, secretPage) = await Html.GetPageAsync(browser, secretUrl);
        var (_, reloaded) = await Html.GetPageAsync(browser, secretUrl);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Matches("^/Developer/Clients/[A-Za-z0-9_-]{22}/Secret$", secretUrl);
        var secret = secretPage.QuerySelector("[data-test=client-secret]")!.TextContent.Trim();
        Assert.Matches("^[A-Za-z0-9_-]{43}$", secret);
        Assert.Contains("cannot be shown again", secretPage.QuerySelector("[data-test=secret-warning]")!.TextContent);
        Assert.True(secretResponse.Headers.CacheControl!.NoStore);
        Assert.Null(reloaded.QuerySelector("[data-test=client-secret]"));
        Assert.NotNull(reloaded.QuerySelector("[data-test=secret-gone]"));
        var clientId = secretPage.QuerySelector("[data-test=client-id]")!.TextContent;
        var stored = (await StoredAsync(clientId))!;
        Assert.Equal(SecretHasher.Hash(secret), stored.SecretHash);
        Assert.Equal(("Billing", "Reads invoices", "https://cdn.example.test/logo.png", ClientType.Confidential),
            (stored.Name, stored.Description, stored.ImageUrl, stored.Type));
        Assert.Equal(["https://billing.example.test/cb", "https://billing.example.test/cb2"], stored.RedirectUris.OrderBy(r => r.Id).Select(r => r.Uri));
        Assert.False(DatabaseFiles.Contain(factory.DatabasePath, secret));
    }

    [Fact]
    public async Task Register_Public_HasNoSecretAndGoesToTheDetails()
    {
        var browser = await DeveloperAsync();

        var client = await DeveloperUi.CreateAsync(browser, "http://127.0.0.1:8765/callback", "Public");

        Assert.Null(client.Secret);
        var stored = (await StoredAsync(client.ClientId))!;
        Assert.Equal(ClientType.Public, stored.Type);
        Assert.Null(stored.SecretHash);
        var (_, list) = await Html.GetPageAsync(browser, "/Developer/Clients");
        var card = list.QuerySelector($"[data-test=client-card][data-client-id='{client.ClientId}']")!;
        Assert.Contains("Public", card.QuerySelector("[data-fact=Type]")!.TextContent);
        Assert.Equal("1", card.QuerySelector("[data-fact='Redirect URIs']")!.TextContent);
        Assert.Equal("0", card.QuerySelector("[data-fact='Active tokens']")!.TextContent);
    }

    [Theory]
    [InlineData("https://app.example.test/cb#frag", "fragment")]
    [InlineData("http://app.example.test/cb", "must use https")]
    [InlineData("/relative/cb", "absolute")]
    [InlineData("https://user@app.example.test/cb", "user name")]
    [InlineData("https://app.example.test/cb\nhttps://app.example.test/cb", "listed twice")]
    [InlineData("", "between 1 and 20")]
    public async Task Register_InvalidRedirectUri_ShowsTheReasonNextToTheFieldAndSavesNothing(string uris, string expected)
    {
        var browser = await DeveloperAsync();
        var name = Unique.Name("invalid");

        var response = await DeveloperUi.SubmitCreateAsync(browser, name, uris);

        Html.AssertStatus(HttpStatusCode.OK, response);
        var page = await Html.ParseAsync(response);
        Assert.Contains(page.QuerySelectorAll("[data-test=redirect-uris-error]"), e => e.TextContent.Contains(expected));
        Assert.Contains("is-invalid", page.QuerySelector("[data-test=redirect-uris-input]")!.ClassName);
        Assert.Equal(name, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-test=name-input]")!.Value);
        Assert.False(await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.Name == name)));
    }

    [Fact]
    public async Task Register_TwentyOneUrisOrOneTooLong_IsRefused()
    {
        var browser = await DeveloperAsync();
        var tooMany = string.Join('\n', Enumerable.Range(0, 21).Select(i => $"https://app.example.test/{i}"));
        var tooLong = "https://app.example.test/" + new string('a', 2000);
        var (manyName, longName) = (Unique.Name("many"), Unique.Name("long"));

        var many = await Html.ParseAsync(await DeveloperUi.SubmitCreateAsync(browser, manyName, tooMany));
        var longUri = await Html.ParseAsync(await DeveloperUi.SubmitCreateAsync(browser, longName, tooLong));

        Assert.Contains("between 1 and 20", many.QuerySelector("[data-test=redirect-uris-error]")!.TextContent);
        Assert.Contains("at most 2000 characters", longUri.QuerySelector("[data-test=redirect-uris-error]")!.TextContent);
        Assert.False(await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.Name == manyName || c.Name == longName)));
    }

    [Theory]
    [InlineData("", null, "name-error", "name is required")]
    [InlineData("Ok", "http://cdn.example.test/logo.png", "image-error", "https")]
    public async Task Register_InvalidNameOrImage_ShowsTheErrorNextToThatField(string name, string? image, string errorTest, string expected)
    {
        var response = await DeveloperUi.SubmitCreateAsync(await DeveloperAsync(), name, "https://app.example.test/cb", imageUrl: image);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains(expected, (await Html.ParseAsync(response)).QuerySelector($"[data-test={errorTest}]")!.TextContent);
    }

    [Fact]
    public async Task SecretPage_ReplayedCookieFromBeforeTheFirstView_DoesNotShowTheSecretAgain()
    {
        var browser = await DeveloperAsync();
        var response = await DeveloperUi.SubmitCreateAsync(browser, "Replay", "https://replay.example.test/cb");
        var cookies = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var secretUrl = response.Headers.Location!.OriginalString;
        await Html.GetPageAsync(browser, secretUrl);

        var replay = new HttpRequestMessage(HttpMethod.Get, secretUrl);
        replay.Headers.Add("Cookie", cookies + "; " + await SignIn.CookieHeaderAsync(factory, await EmailOfAsync(browser)));
        var (_, page) = (replay, await Html.ParseAsync(await factory.CreateClient().SendAsync(replay)));

        Assert.Null(page.QuerySelector("[data-test=client-secret]"));
    }

    [Fact]
    public async Task SecretPage_PublicClient_Is404()
    {
        var browser = await DeveloperAsync();
        var client = await DeveloperUi.CreateAsync(browser, "https://spa.example.test/cb", "Public");

        Html.AssertStatus(HttpStatusCode.NotFound, await browser.GetAsync($"/Developer/Clients/{client.ClientId}/Secret"));
    }

    [Fact]
    public async Task Register_TypeThatIsNeitherConfidentialNorPublic_ShowsAnErrorAndSavesNothing()
    {
        var name = Unique.Name("bogus");

        var response = await DeveloperUi.SubmitCreateAsync(await DeveloperAsync(), name, "https://app.example.test/cb", type: "Bogus");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull((await Html.ParseAsync(response)).QuerySelector("[data-test=form-errors]"));
        Assert.False(await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.Name == name)));
    }

    [Theory]
    [InlineData("Evil\r\nINFO: forged log line")]
    [InlineData("Pay\u202Epal")]
    [InlineData("Zero\u200Bwidth")]
    public async Task Register_NameWithControlOrInvisibleCharacters_IsRefused(string name)
    {
        var response = await DeveloperUi.SubmitCreateAsync(await DeveloperAsync(), name, "https://app.example.test/cb");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("invisible", (await Html.ParseAsync(response)).QuerySelector("[data-test=name-error]")!.TextContent);
    }

    [Fact]
    public async Task Register_ConfidentialClientWithALoopbackRedirectUri_IsAccepted()
    {
        var client = await DeveloperUi.CreateAsync(await DeveloperAsync(), "http://localhost:5173/callback");

        Assert.NotNull(client.Secret);
    }

    private async Task<string> EmailOfAsync(HttpClient browser) =>
        (await Html.GetPageAsync(browser, "/")).Document.QuerySelector("[data-test=nav-account]")!.TextContent.Trim();

    [Fact]
    public async Task Register_WithoutAntiforgeryToken_Is400()
    {
        var response = await (await DeveloperAsync()).PostAsync("/Developer/Clients/Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "x", ["Input.RedirectUris"] = "https://app.example.test/cb", ["Type"] = "Confidential",
        }));

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
    }

    [Theory]
    [InlineData("/Developer/Clients")]
    [InlineData("/Developer/Clients/Create")]
    public async Task DeveloperPages_Anonymous_RedirectToLogin(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
    }
}
