using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OAuthPortal.Areas.Developer;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Browser;

/// <summary>
/// A newcomer's first code flow with no app of their own: the portal's test callback is registered with one click, and
/// after Allow the browser lands on it (never on a page that does not exist), showing the code and an exchange that works.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TestCallbackJourneyTests(Chromium chromium)
{
    [SkippableFact]
    public async Task Newcomer_UsesTheTestCallbackAndAllows_LandsOnTheCodeAndTheShownExchangeGetsATokenThatCallsTheApi()
    {
        await using var world = await BrowserPortal.StartAsync(chromium);
        var page = await world.NewPersonAsync();
        await BrowserPortal.RegisterAsync(page, Unique.Email("newcomer"));
        var client = await BrowserPortal.RegisterClientAsync(page, "https://photos.example.test/callback");
        await page.ClickAsync("[data-test=continue]");

        await page.ClickAsync("[data-test=use-test-callback]");
        await page.Locator("[data-test=test-callback-registered]").WaitForAsync();
        await page.ClickAsync("[data-test=quickstart-authorize-link]");
        await page.ClickAsync("[data-test=accept]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(world.Portal.Origin + TestCallback.Path) + @"\?code="));
        var code = (await page.Locator("[data-test=callback-code]").InnerTextAsync()).Trim();
        var exchange = (await page.Locator("[data-test=callback-exchange]").InnerTextAsync()).Trim();
        using var http = world.Portal.CreateHttpClient();
        using var tokenResponse = await http.SendAsync(CurlCommand.ToRequest(exchange.Replace(Quickstart.SecretPlaceholder, client.Secret)));
        var tokenBody = await tokenResponse.Content.ReadAsStringAsync();
        using var me = await world.CallApiAsync(JsonSerializer.Deserialize<JsonElement>(tokenBody).GetProperty("access_token").GetString()!);

        Assert.Equal("Test callback", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("code=" + code, exchange);
        Assert.Contains(client.ClientId, exchange);
        Assert.DoesNotContain("YOUR_CODE_VERIFIER", exchange);
        Assert.True(tokenResponse.IsSuccessStatusCode, tokenBody);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Empty(world.ConsoleErrors);
    }
}
