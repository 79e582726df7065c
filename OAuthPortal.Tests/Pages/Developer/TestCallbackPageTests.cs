using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.Hosting.Internal;
using OAuthPortal.Areas.Developer;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Developer;

/// <summary>
/// /Developer/Callback, the portal's test callback: registered with one click on the client page, it shows what the
/// authorization response brought and the code exchange filled in (with the quickstart's PKCE verifier).
/// </summary>
public sealed partial class TestCallbackPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string CallbackUri = "https://localhost/Developer/Callback";

    private async Task<(HttpClient Browser, DeveloperUi.CreatedClient Client)> DeveloperAsync()
    {
        var email = Unique.Email("callback-dev");
        await TestUsers.CreateAsync(factory, email);
        var browser = await SignIn.ClientForAsync(factory, email);
        return (browser, await DeveloperUi.CreateAsync(browser));
    }

    private static async Task<IHtmlDocument> UseTestCallbackAsync(HttpClient browser, string clientId)
    {
        var (_, details) = await Html.GetPageAsync(browser, $"/Developer/Clients/{clientId}");
        var response = await Html.SubmitAsync(browser, details.Form("form[data-test=test-callback-form]"));
        Html.AssertStatus(HttpStatusCode.Redirect, response);
        return (await Html.GetPageAsync(browser, response.Headers.Location!.OriginalString)).Document;
    }

    private static string Text(IHtmlDocument page, string test) => page.QuerySelector($"[data-test={test}]")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task UseTestCallback_OneClick_RegistersItAndTheQuickstartLeadsToIt()
    {
        var (browser, client) = await DeveloperAsync();

        var details = await UseTestCallbackAsync(browser, client.ClientId);

        Assert.Contains(CallbackUri, details.QuerySelectorAll("[data-test=redirect-uri-item]").Select(e => e.TextContent.Trim()));
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString(CallbackUri), Text(details, "quickstart-authorize"));
        Assert.Equal(Text(details, "quickstart-authorize"), details.QuerySelector("[data-test=quickstart-authorize-link]")!.GetAttribute("href"));
        Assert.Null(details.QuerySelector("[data-test=test-callback-form]"));
        Assert.NotNull(details.QuerySelector("[data-test=test-callback-registered]"));
    }

    [Fact]
    public async Task Callback_AfterAllow_ShowsCodeStateIssAndAnExchangeThatGetsTokens()
    {
        var (browser, client) = await DeveloperAsync();
        var details = await UseTestCallbackAsync(browser, client.ClientId);
        var authorizeUrl = new Uri(Text(details, "quickstart-authorize"));

        var approved = await Consent.AcceptAsync(browser, authorizeUrl.PathAndQuery);
        var response = OAuthAssert.RedirectsTo(approved, CallbackUri + "?", HttpStatusCode.SeeOther);
        var (page, callback) = await Html.GetPageAsync(browser, approved.Headers.Location!.PathAndQuery);
        var exchange = Text(callback, "callback-exchange");
        using var tokenResponse = await factory.CreateClient().SendAsync(CurlCommand.ToRequest(exchange.Replace(Quickstart.SecretPlaceholder, client.Secret)));
        var tokens = JsonSerializer.Deserialize<JsonElement>(await tokenResponse.Content.ReadAsStringAsync());

        Assert.Equal(response["code"], Text(callback, "callback-code"));
        Assert.Equal(response["state"], Text(callback, "callback-state"));
        Assert.Equal("https://localhost", Text(callback, "callback-iss"));
        Assert.Contains(client.ClientId, Text(callback, "callback-client") + exchange);
        Assert.Contains("code_verifier=" + Text(details, "quickstart-verifier"), exchange);
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Html.AssertStatus(HttpStatusCode.OK, tokenResponse);
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task ClientPage_Reloaded_KeepsThePkcePairAndStateForTheBrowserSession()
    {
        var (browser, client) = await DeveloperAsync();
        var other = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);

        var first = (await Html.GetPageAsync(browser, $"/Developer/Clients/{client.ClientId}")).Document;
        var again = (await Html.GetPageAsync(browser, $"/Developer/Clients/{client.ClientId}")).Document;

        Assert.Equal(Text(first, "quickstart-verifier"), Text(again, "quickstart-verifier"));
        Assert.Equal(Text(first, "quickstart-authorize"), Text(again, "quickstart-authorize"));
        Assert.Matches("^[A-Za-z0-9_-]{43}$", Text(first, "quickstart-verifier"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Developer/Clients/{client.ClientId}")).StatusCode);
    }

    [Fact]
    public async Task Callback_StateOfNoQuickstartInThisSession_ShowsPlaceholdersForClientAndVerifier()
    {
        var browser = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);

        var (_, page) = await Html.GetPageAsync(browser, "/Developer/Callback?code=abc123&state=xyz");

        Assert.Equal("abc123", Text(page, "callback-code"));
        Assert.Contains("code=abc123", Text(page, "callback-exchange"));
        Assert.Contains("YOUR_CLIENT_ID", Text(page, "callback-exchange"));
        Assert.Contains("code_verifier=YOUR_CODE_VERIFIER", Text(page, "callback-exchange"));
        Assert.Contains("not recognised", Text(page, "callback-client"));
    }

    [Theory]
    [InlineData("x'$(id)'")]
    [InlineData("abc def")]
    [InlineData("abc\u202Edef")]
    public async Task Callback_CodeWithShellCharacters_ShownButNotPutIntoTheCommand(string code)
    {
        var browser = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);

        var (_, page) = await Html.GetPageAsync(browser, "/Developer/Callback?code=" + Uri.EscapeDataString(code) + "&state=xyz");

        Assert.Equal(code, page.QuerySelector("[data-test=callback-code]")!.TextContent);
        Assert.DoesNotContain(code, Text(page, "callback-exchange"));
        Assert.Contains("code=CODE_FROM_THE_REDIRECT", Text(page, "callback-exchange"));
        Assert.Contains("CODE_FROM_THE_REDIRECT", Text(page, "callback-code-not-filled"));
    }

    [Fact]
    public async Task Callback_Error_ShowsTheErrorAndNoExchange()
    {
        var browser = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);

        var (response, page) = await Html.GetPageAsync(browser, "/Developer/Callback?error=access_denied&error_description=The+user+said+no&state=s1");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("access_denied", Text(page, "callback-error-code"));
        Assert.Equal("The user said no", Text(page, "callback-error-description"));
        Assert.Null(page.QuerySelector("[data-test=callback-exchange]"));
    }

    [Fact]
    public async Task Callback_AnotherIssuer_WarnsOfAMixUp()
    {
        var browser = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);

        var (_, page) = await Html.GetPageAsync(browser, "/Developer/Callback?code=c&state=s&iss=https%3A%2F%2Fevil.example");

        Assert.NotNull(page.QuerySelector("[data-test=callback-iss-mismatch]"));
    }

    [Fact]
    public async Task Callback_NoParameters_ExplainsWhatItIs()
    {
        var browser = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);

        var (_, page) = await Html.GetPageAsync(browser, "/Developer/Callback");

        Assert.Contains(CallbackUri, Text(page, "callback-empty"));
        Assert.Null(page.QuerySelector("[data-test=callback-exchange]"));
    }

    [Fact]
    public async Task Callback_SignedOut_AsksToSignInAndShowsNothing()
    {
        var response = await factory.CreateClient().GetAsync("/Developer/Callback?code=secret-code&state=s");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Testing", true)]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    public void OneClick_Environment_OfferedOnlyInDevelopmentAndTesting(string environment, bool offered) =>
        Assert.Equal(offered, TestCallback.OneClick(new HostingEnvironment { EnvironmentName = environment }));
}
