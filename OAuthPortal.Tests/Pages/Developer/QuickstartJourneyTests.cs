using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Developer;

/// <summary>
/// A new user's first run, using only what the pages show: register, log in, create a client, open the quickstart's
/// authorization URL, allow, run the quickstart's curl commands (as HTTP requests), call /api/me.
/// </summary>
public sealed class QuickstartJourneyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task NewDeveloper_FollowsTheQuickstart_GetsTokensAndCallsTheApi()
    {
        await factory.WithScopeAsync(s => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<OAuthPortal.Management.Scopes.ScopeCatalog>(s).CreateAsync("profile", "Your e-mail address"));
        var browser = factory.CreateClient();
        var email = Unique.Email("newdev");
        var (_, register) = await Html.GetPageAsync(browser, "/Identity/Account/Register");
        await Html.SubmitAsync(browser, register.Form("form#registerForm"), new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = TestUsers.Password, ["Input.ConfirmPassword"] = TestUsers.Password,
        });
        await SignIn.PostLoginAsync(browser, email, TestUsers.Password); // registering asks the new user to log in
        var client = await DeveloperUi.CreateAsync(browser, "https://app.example.test/callback");
        var (_, details) = await Html.GetPageAsync(browser, $"/Developer/Clients/{client.ClientId}");
        string Quickstart(string id) => details.QuerySelector($"[data-test=quickstart-{id}]")!.TextContent;

        var authorizeUrl = new Uri(Quickstart("authorize"));
        var approved = await Consent.AcceptAsync(browser, authorizeUrl.PathAndQuery);
        var callback = OAuthAssert.RedirectsTo(approved, "https://app.example.test/callback?", HttpStatusCode.SeeOther);
        var exchange = Quickstart("exchange").Replace("CODE_FROM_THE_REDIRECT", callback["code"]).Replace("YOUR_CLIENT_SECRET", client.Secret);
        var tokenResponse = await RunCurlAsync(exchange);
        var tokens = JsonSerializer.Deserialize<JsonElement>(await tokenResponse.Content.ReadAsStringAsync());
        var me = await RunCurlAsync(Quickstart("api").Replace("ACCESS_TOKEN", tokens.GetProperty("access_token").GetString()));

        Assert.Equal(authorizeUrl.Query.Contains("state=") ? Regex.Match(authorizeUrl.Query, "state=([^&]+)").Groups[1].Value : null, callback["state"]);
        Assert.Equal("https://localhost/.well-known/oauth-authorization-server", Quickstart("metadata"));
        Html.AssertStatus(HttpStatusCode.OK, tokenResponse);
        Html.AssertStatus(HttpStatusCode.OK, me);
        var body = JsonSerializer.Deserialize<JsonElement>(await me.Content.ReadAsStringAsync());
        Assert.Equal(email, body.GetProperty("email").GetString());
        Assert.Equal(client.ClientId, body.GetProperty("client_id").GetString());
    }

    /// <summary>Runs one of the quickstart's curl commands as the equivalent HTTP request.</summary>
    private Task<HttpResponseMessage> RunCurlAsync(string command) => factory.CreateClient().SendAsync(CurlCommand.ToRequest(command));
}
