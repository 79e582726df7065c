using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Browser;

/// <summary>
/// The journeys people take, in headless Chromium against the portal on a real socket: every click is a real
/// click on the rendered page (with its CSP, cookies, antiforgery and redirects), nothing is posted by the test.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserJourneyTests(Chromium chromium)
{
    [SkippableFact]
    public async Task NewDeveloper_RegistersAndCreatesAClient_ReadsAWorkingSecretOnce()
    {
        await using var world = await BrowserPortal.StartAsync(chromium);
        var page = await world.NewPersonAsync();

        await BrowserPortal.RegisterAsync(page, Unique.Email("developer"));
        var client = await BrowserPortal.RegisterClientAsync(page, "https://photos.example.test/callback");
        await page.ClickAsync("[data-test=continue]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(client.DetailsUrl) + "$"));
        await page.Locator("[data-test=client-id]").WaitForAsync();
        var shownId = (await page.Locator("[data-test=client-id]").InnerTextAsync()).Trim();
        await page.GotoAsync($"/Developer/Clients/{client.ClientId}/Secret");
        var secretAgain = await page.Locator("[data-test=client-secret]").CountAsync();

        Assert.Equal(client.ClientId, shownId);
        Assert.Matches("^[A-Za-z0-9_-]{43,}$", client.Secret);
        Assert.Equal(0, secretAgain);
        // The secret read off the page authenticates the client: introspection answers (inactive) instead of invalid_client.
        using var http = world.Portal.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "not-a-token" }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{client.ClientId}:{client.Secret}")));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).GetProperty("active").GetBoolean());
        Assert.Empty(world.ConsoleErrors);
    }

    [SkippableFact]
    public async Task User_OpensTheQuickstartUrlAndAllows_CallbackGetsCodeStateIssAndTheApiAnswers()
    {
        await using var world = await BrowserPortal.StartAsync(chromium);
        await using var callback = await CallbackListener.StartAsync();
        var email = Unique.Email("reader");
        string? consentText = null;

        var (tokens, _, client) = await world.AuthorizeNewUserAsync(email, callback, async consent =>
        {
            consentText = await consent.Locator("main").InnerTextAsync();
        });
        using var me = await world.CallApiAsync(tokens.AccessToken);
        var body = JsonSerializer.Deserialize<JsonElement>(await me.Content.ReadAsStringAsync());

        Assert.Contains("profile", consentText);
        Assert.Contains(BuiltInScopes.All.Single(s => s.Name == "profile").Description, consentText);
        Assert.False(string.IsNullOrEmpty(tokens.Callback["code"]));
        Assert.False(string.IsNullOrEmpty(tokens.Callback["state"]));
        Assert.Equal(world.Portal.Origin, tokens.Callback["iss"]);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(email, body.GetProperty("email").GetString());
        Assert.Equal(client.ClientId, body.GetProperty("client_id").GetString());
        Assert.Empty(world.ConsoleErrors);
    }

    [SkippableFact]
    public async Task User_RevokesTheAppInMyApps_TheAppsTokenStopsWorking()
    {
        await using var world = await BrowserPortal.StartAsync(chromium);
        await using var callback = await CallbackListener.StartAsync();
        var (tokens, user, client) = await world.AuthorizeNewUserAsync(Unique.Email("reader"), callback);
        using var before = await world.CallApiAsync(tokens.AccessToken);

        await user.GotoAsync("/");
        await user.ClickAsync("[data-test=nav-apps]");
        var app = user.Locator($"[data-test=app][data-client-id='{client.ClientId}']");
        await app.Locator("[data-test=revoke-app]").ClickAsync();
        await user.ClickAsync("[data-test=confirm-revoke]");
        await user.Locator("[data-test=no-apps]").WaitForAsync();
        using var after = await world.CallApiAsync(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("invalid_token", after.Headers.WwwAuthenticate.ToString());
        Assert.Empty(world.ConsoleErrors);
    }

    [SkippableFact]
    public async Task Admin_RevokesATokenOnTheTokensPage_TheTokenStopsWorking()
    {
        await using var world = await BrowserPortal.StartAsync(chromium);
        await using var callback = await CallbackListener.StartAsync();
        var email = Unique.Email("reader");
        var (tokens, _, _) = await world.AuthorizeNewUserAsync(email, callback);
        var admin = await TestUsers.CreateAsync(world.Portal.Factory, Unique.Email("admin"), admin: true);

        var page = await world.NewPersonAsync();
        await BrowserPortal.LogInAsync(page, admin.Email!);
        await page.ClickAsync("[data-test=nav-admin]");
        await page.Locator("[data-test=tokens-chart]").WaitForAsync();
        await page.GotoAsync("/Admin/Tokens");
        await page.FillAsync("[data-test=filter-user]", email);
        await page.ClickAsync("[data-test=search-tokens]");
        var row = page.Locator("[data-test=token-row]");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator("[data-test=revoke-token]").ClickAsync();
        await page.ClickAsync("[data-test=confirm]"); // the revocation asks first
        await Assertions.Expect(page.Locator("[data-test=status-message]")).ToBeVisibleAsync();
        using var after = await world.CallApiAsync(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Empty(world.ConsoleErrors);
    }

    [SkippableFact]
    public async Task User_DeclinesOnTheConsentPage_CallbackGetsAccessDenied()
    {
        await using var world = await BrowserPortal.StartAsync(chromium);
        await using var callback = await CallbackListener.StartAsync();
        var (_, developer) = await world.DeveloperWithClientAsync(callback.RedirectUri);
        var authorizeUrl = await BrowserPortal.QuickstartAsync(developer, "authorize");
        var email = Unique.Email("reader");
        await TestUsers.CreateAsync(world.Portal.Factory, email);

        var user = await world.NewPersonAsync();
        await user.GotoAsync(authorizeUrl);
        await BrowserPortal.LogInHereAsync(user, email);
        await user.ClickAsync("[data-test=decline]");
        var received = await callback.ReceivedAsync();

        Assert.Equal("access_denied", received["error"]);
        Assert.Equal(QueryValue(authorizeUrl, "state"), received["state"]);
        Assert.Equal(world.Portal.Origin, received["iss"]);
        Assert.False(received.ContainsKey("code"));
        Assert.Empty(world.ConsoleErrors);
    }

    private static string QueryValue(string url, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(url).Query)[name].ToString();
}
