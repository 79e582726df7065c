using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Developer;

/// <summary>Edit, rotate, disable/enable and delete, checked against the protocol endpoints they affect.</summary>
public sealed class ManageClientTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(HttpClient Developer, DeveloperUi.CreatedClient Client, HttpClient User, string UserEmail)> SetUpAsync(
        string redirectUris = "https://client.example.test/callback")
    {
        var developer = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);
        var client = await DeveloperUi.CreateAsync(developer, redirectUris);
        var user = await TestUsers.CreateAsync(factory);
        await factory.WithScopeAsync(s => s.GetRequiredService<OAuthPortal.Management.Scopes.ScopeCatalog>().CreateAsync("profile", "Profile"));
        return (developer, client, await SignIn.ClientForAsync(factory, user.Email!), user.Email!);
    }

    private static string AuthorizeUrl(string clientId, string redirectUri) =>
        $"/oauth2/authorize?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(redirectUri)}&scope=profile&state=s1" +
        $"&code_challenge={OAuthScenario.Challenge}&code_challenge_method=S256";

    private async Task<string> CodeAsync(HttpClient user, string clientId, string redirectUri)
    {
        var response = await Consent.AcceptAsync(user, AuthorizeUrl(clientId, redirectUri) + "&prompt=consent");
        return OAuthAssert.RedirectsTo(response, redirectUri, HttpStatusCode.SeeOther)["code"];
    }

    private Task<TokenEndpoint.Reply> ExchangeAsync(string clientId, string secret, string code, string redirectUri) =>
        TokenEndpoint.TokenAsync(factory.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri, ["code_verifier"] = OAuthScenario.Verifier,
        }, TokenEndpoint.Basic(clientId, secret));

    [Fact]
    public async Task Edit_RedirectUris_NewOneAuthorizesAndTheRemovedOneIsRefused()
    {
        var (developer, client, user, _) = await SetUpAsync();
        var (_, page) = await Html.GetPageAsync(developer, $"/Developer/Clients/{client.ClientId}/Edit");

        var saved = await Html.SubmitAsync(developer, page.Form("form#client-form"),
            new Dictionary<string, string> { ["Input.RedirectUris"] = "https://client.example.test/new-callback" });

        Html.AssertStatus(HttpStatusCode.Redirect, saved);
        var (_, details) = await Html.GetPageAsync(developer, saved.Headers.Location!.OriginalString);
        Assert.Equal("Client saved.", details.QuerySelector("[data-test=status-message]")!.TextContent.Trim());
        Assert.Equal(["https://client.example.test/new-callback"], details.QuerySelectorAll("[data-test=redirect-uri-item]").Select(e => e.TextContent));
        Html.AssertStatus(HttpStatusCode.OK, await user.GetAsync(AuthorizeUrl(client.ClientId, "https://client.example.test/new-callback")));
        await OAuthAssert.ErrorPage(await user.GetAsync(AuthorizeUrl(client.ClientId, "https://client.example.test/callback")), "redirect_uri_not_registered");
    }

    [Fact]
    public async Task Edit_InvalidUri_ShowsTheErrorAndChangesNothing()
    {
        var (developer, client, _, _) = await SetUpAsync();
        var (_, page) = await Html.GetPageAsync(developer, $"/Developer/Clients/{client.ClientId}/Edit");

        var response = await Html.SubmitAsync(developer, page.Form("form#client-form"),
            new Dictionary<string, string> { ["Input.RedirectUris"] = "https://ok.example.test/cb\nhttp://insecure.example.test/cb" });

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("must use https", (await Html.ParseAsync(response)).QuerySelector("[data-test=redirect-uris-error]")!.TextContent);
        var uris = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().RedirectUris
            .Where(r => r.ClientId == client.ClientId).Select(r => r.Uri).ToListAsync());
        Assert.Equal(["https://client.example.test/callback"], uris);
    }

    [Fact]
    public async Task Rotate_Confirmed_OldSecretGets401AndTheNewOneWorks()
    {
        var (developer, client, user, _) = await SetUpAsync();
        var redirect = "https://client.example.test/callback";

        var rotated = await DeveloperUi.PressAsync(developer, $"/Developer/Clients/{client.ClientId}/Rotate", "confirm-rotate");
        var (_, secretPage) = await Html.GetPageAsync(developer, rotated.Headers.Location!.OriginalString);
        var newSecret = secretPage.QuerySelector("[data-test=client-secret]")!.TextContent.Trim();
        var (_, reloaded) = await Html.GetPageAsync(developer, rotated.Headers.Location!.OriginalString);
        Assert.NotNull(reloaded.QuerySelector("[data-test=secret-gone]"));
        var withOld = await ExchangeAsync(client.ClientId, client.Secret!, await CodeAsync(user, client.ClientId, redirect), redirect);
        var withNew = await ExchangeAsync(client.ClientId, newSecret, await CodeAsync(user, client.ClientId, redirect), redirect);

        Assert.NotEqual(client.Secret, newSecret);
        Html.AssertStatus(HttpStatusCode.Unauthorized, withOld.Response);
        Assert.Equal("invalid_client", withOld["error"]);
        Html.AssertStatus(HttpStatusCode.OK, withNew.Response);
    }

    [Fact]
    public async Task Disable_ThenEnable_BlocksAndRestoresAuthorizeTokenAndApi()
    {
        var (developer, client, user, _) = await SetUpAsync();
        var redirect = "https://client.example.test/callback";
        var tokens = await ExchangeAsync(client.ClientId, client.Secret!, await CodeAsync(user, client.ClientId, redirect), redirect);
        var spareCode = await CodeAsync(user, client.ClientId, redirect);

        var disabled = await DeveloperUi.PressAsync(developer, $"/Developer/Clients/{client.ClientId}", "toggle");
        var (_, details) = await Html.GetPageAsync(developer, disabled.Headers.Location!.OriginalString);

        Assert.NotNull(details.QuerySelector("[data-test=disabled-badge]"));
        await OAuthAssert.ErrorPage(await user.GetAsync(AuthorizeUrl(client.ClientId, redirect)), "disabled_client");
        Assert.Equal("invalid_client", (await ExchangeAsync(client.ClientId, client.Secret!, spareCode, redirect))["error"]);
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", tokens["access_token"]));

        await DeveloperUi.PressAsync(developer, $"/Developer/Clients/{client.ClientId}", "toggle");

        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", tokens["access_token"]));
        Html.AssertStatus(HttpStatusCode.OK, (await ExchangeAsync(client.ClientId, client.Secret!, spareCode, redirect)).Response);
    }

    [Fact]
    public async Task Delete_Confirmed_RemovesTheClientAndItsTokensForGood()
    {
        var (developer, client, user, _) = await SetUpAsync();
        var redirect = "https://client.example.test/callback";
        var tokens = await ExchangeAsync(client.ClientId, client.Secret!, await CodeAsync(user, client.ClientId, redirect), redirect);

        var deleted = await DeveloperUi.PressAsync(developer, $"/Developer/Clients/{client.ClientId}/Delete", "confirm-delete");

        Html.AssertStatus(HttpStatusCode.Redirect, deleted);
        Assert.Equal("/Developer/Clients", deleted.Headers.Location!.OriginalString);
        Assert.False(await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AccessTokens.AnyAsync(t => t.ClientId == client.ClientId)));
        await OAuthAssert.ErrorPage(await user.GetAsync(AuthorizeUrl(client.ClientId, redirect)), "unknown_client");
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", tokens["access_token"]));
        Html.AssertStatus(HttpStatusCode.NotFound, await developer.GetAsync($"/Developer/Clients/{client.ClientId}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/Edit")]
    [InlineData("/Rotate")]
    [InlineData("/Delete")]
    [InlineData("/Secret")]
    public async Task AnotherUsersClient_AnyPage_Is404(string suffix)
    {
        var (_, client, user, _) = await SetUpAsync();

        var response = await user.GetAsync($"/Developer/Clients/{client.ClientId}{suffix}");

        Html.AssertStatus(HttpStatusCode.NotFound, response);
        Assert.DoesNotContain(client.ClientId, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/Edit", null)]
    [InlineData("/Rotate", null)]
    [InlineData("/Delete", null)]
    [InlineData("", "Disable")]
    [InlineData("", "Enable")]
    [InlineData("", null)]
    [InlineData("/Secret", null)]
    public async Task AnotherUsersClient_AnyPost_Is404AndChangesNothing(string suffix, string? handler)
    {
        var (developer, client, user, _) = await SetUpAsync();
        // A real antiforgery token of user B, taken from one of B's own forms.
        var own = await DeveloperUi.CreateAsync(user);
        var (_, ownPage) = await Html.GetPageAsync(user, $"/Developer/Clients/{own.ClientId}/Delete");
        var token = ownPage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var url = $"/Developer/Clients/{client.ClientId}{suffix}" + (handler is null ? "" : $"?handler={handler}");
        var response = await user.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Name"] = "Hijacked", ["Input.RedirectUris"] = "https://evil.example.test/cb",
        }));

        Html.AssertStatus(HttpStatusCode.NotFound, response);
        var stored = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Include(c => c.RedirectUris).SingleAsync(c => c.Id == client.ClientId));
        Assert.True(stored.Enabled);
        Assert.NotEqual("Hijacked", stored.Name);
        Assert.Equal(OAuthPortal.OAuth.Secrets.SecretHasher.Hash(client.Secret!), stored.SecretHash);
        Html.AssertStatus(HttpStatusCode.OK, await developer.GetAsync($"/Developer/Clients/{client.ClientId}"));
    }

    [Theory]
    [InlineData("POST", "", null)]
    [InlineData("POST", "", "Bogus")]
    [InlineData("POST", "/Secret", null)]
    [InlineData("PUT", "", null)]
    [InlineData("PUT", "/Delete", null)]
    [InlineData("DELETE", "/Rotate", null)]
    public async Task Request_NoHandlerTakesIt_Is404NotAServerError(string method, string suffix, string? handler)
    {
        var (developer, client, _, _) = await SetUpAsync();
        var (_, page) = await Html.GetPageAsync(developer, $"/Developer/Clients/{client.ClientId}/Delete");
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var url = $"/Developer/Clients/{client.ClientId}{suffix}" + (handler is null ? "" : $"?handler={handler}");

        var response = await developer.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        });

        Html.AssertStatus(HttpStatusCode.NotFound, response);
    }

    [Fact]
    public async Task Edit_TwentyConcurrentSavesOfTheSameChange_NeverAServerError()
    {
        var (developer, client, _, _) = await SetUpAsync();
        var (_, page) = await Html.GetPageAsync(developer, $"/Developer/Clients/{client.ClientId}/Edit");
        var form = page.Form("form#client-form");
        var values = new Dictionary<string, string> { ["Input.RedirectUris"] = "https://client.example.test/callback\nhttps://client.example.test/extra" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Html.SubmitAsync(developer, form, values)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"answered {(int)r.StatusCode}"));
        var uris = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().RedirectUris
            .Where(r => r.ClientId == client.ClientId).Select(r => r.Uri).OrderBy(u => u).ToListAsync());
        Assert.Equal(["https://client.example.test/callback", "https://client.example.test/extra"], uris);
    }

    [Theory]
    [InlineData("Enable")]
    [InlineData("Disable")]
    public async Task Toggle_WithoutAntiforgeryToken_Is400(string handler)
    {
        var (developer, client, _, _) = await SetUpAsync();

        var response = await developer.PostAsync($"/Developer/Clients/{client.ClientId}?handler={handler}", new FormUrlEncodedContent([]));

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
    }

    [Theory]
    [InlineData("/Rotate")]
    [InlineData("/Delete")]
    [InlineData("/Edit")]
    public async Task Post_WithoutAntiforgeryToken_Is400(string suffix)
    {
        var (developer, client, _, _) = await SetUpAsync();

        var response = await developer.PostAsync($"/Developer/Clients/{client.ClientId}{suffix}", new FormUrlEncodedContent([]));

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/Rotate")]
    public async Task ClientPages_Anonymous_RedirectToLogin(string suffix)
    {
        var (_, client, _, _) = await SetUpAsync();

        var response = await factory.CreateClient().GetAsync($"/Developer/Clients/{client.ClientId}{suffix}");

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
    }
}
