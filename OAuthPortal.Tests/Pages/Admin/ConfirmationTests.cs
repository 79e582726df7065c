using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>
/// Destructive admin actions ask first (a GET shows what will happen, with counts from the database, and changes
/// nothing); Confirm does it, Cancel goes back. Server-rendered: plain forms and links, no script needed.
/// </summary>
public sealed class ConfirmationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ManagePage = "/Identity/Account/Manage";

    private static async Task<IDocument> AskAsync(HttpClient admin, string url)
    {
        var (response, page) = await Html.GetPageAsync(admin, url);
        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull(page.QuerySelector("[data-test=confirmation]"));
        return page;
    }

    private static string Consequences(IDocument page) => page.QuerySelector("[data-test=confirm-consequences]")!.TextContent;

    private static string CancelUrl(IDocument page) => page.QuerySelector<IHtmlAnchorElement>("[data-test=cancel]")!.GetAttribute("href")!;

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient browser, IDocument page)
    {
        var confirm = page.QuerySelector<IHtmlButtonElement>("[data-test=confirm]")!;
        return Html.SubmitAsync(browser, (IHtmlFormElement)confirm.Form!, submitter: confirm);
    }

    [Fact]
    public async Task Lock_Asked_NamesTheUserWithTheirSessionsAndActiveTokensAndChangesNothing()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (scenario, accessToken) = await AdminUi.UserWithTokenAsync(factory);
        var (elsewhere, _) = await SignIn.BrowserWithCookiesAsync(factory, scenario.User.Email!);
        var details = $"/Admin/Users/Details/{scenario.User.Id}";

        var page = await AskAsync(admin, details + "?handler=Lock");

        Assert.Equal($"Lock {scenario.User.Email}?", page.QuerySelector("[data-test=confirm-title]")!.TextContent);
        Assert.StartsWith($"Lock {scenario.User.Email}?", page.Title);
        Assert.Contains("out of 2 sessions", Consequences(page)); // the scenario's browser and this one
        Assert.Contains("revokes 1 active token", Consequences(page));
        Assert.Equal(details, CancelUrl(page));
        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", accessToken));
        Html.AssertStatus(HttpStatusCode.OK, await elsewhere.GetAsync(ManagePage));
        var (_, after) = await Html.GetPageAsync(admin, CancelUrl(page));
        Assert.Contains("Active", after.QuerySelector("[data-test=user-state]")!.TextContent);
    }

    [Fact]
    public async Task Lock_Confirmed_LocksTheUserAndTheirTokensStopWorking()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (scenario, accessToken) = await AdminUi.UserWithTokenAsync(factory);
        var page = await AskAsync(admin, $"/Admin/Users/Details/{scenario.User.Id}?handler=Lock");

        var response = await ConfirmAsync(admin, page);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        var (_, after) = await Html.GetPageAsync(admin, response.Headers.Location!.OriginalString);
        Assert.Contains("Locked", after.QuerySelector("[data-test=user-state]")!.TextContent);
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", accessToken));
    }

    [Fact]
    public async Task ConfirmForm_WithoutItsAntiforgeryToken_IsRefused()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var user = await TestUsers.CreateAsync(factory);
        var page = await AskAsync(admin, $"/Admin/Users/Details/{user.Id}?handler=Lock");
        var form = page.QuerySelector<IHtmlButtonElement>("[data-test=confirm]")!.Form!;

        var response = await admin.PostAsync(form.Action, new FormUrlEncodedContent([]));

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
    }

    [Theory]
    [InlineData("GrantAdmin", "Make {0} an administrator?")]
    [InlineData("RevokeTokens", "Revoke every token of {0}?")]
    [InlineData("EndSessions", "Sign {0} out everywhere?")]
    public async Task UserAction_Asked_NamesTheUser(string handler, string title)
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var user = await TestUsers.CreateAsync(factory);

        var page = await AskAsync(admin, $"/Admin/Users/Details/{user.Id}?handler={handler}");

        Assert.Equal(string.Format(title, user.Email), page.QuerySelector("[data-test=confirm-title]")!.TextContent);
    }

    [Fact]
    public async Task RevokeTokens_Asked_CountsTheUsersActiveTokens()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (scenario, _) = await AdminUi.UserWithTokenAsync(factory);
        await TokenEndpoint.ObtainTokensAsync(scenario);

        var page = await AskAsync(admin, $"/Admin/Users/Details/{scenario.User.Id}?handler=RevokeTokens");

        Assert.Contains("Revokes 2 active tokens", Consequences(page));
    }

    [Fact]
    public async Task EndSessions_Confirmed_SignsTheUserOutEverywhereAndIsAudited()
    {
        var (admin, adminEmail) = await AdminUi.AdminAsync(factory);
        var user = await TestUsers.CreateAsync(factory);
        var (first, _) = await SignIn.BrowserWithCookiesAsync(factory, user.Email!);
        var (second, _) = await SignIn.BrowserWithCookiesAsync(factory, user.Email!);
        var page = await AskAsync(admin, $"/Admin/Users/Details/{user.Id}?handler=EndSessions");
        Assert.Contains("out of 2 sessions", Consequences(page));

        var response = await ConfirmAsync(admin, page);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Html.AssertStatus(HttpStatusCode.Redirect, await first.GetAsync(ManagePage));
        Html.AssertStatus(HttpStatusCode.Redirect, await second.GetAsync(ManagePage));
        var (_, audit) = await Html.GetPageAsync(admin, $"/Admin/Audit?action=UserSessionsEnded&actor={Uri.EscapeDataString(adminEmail)}");
        var row = Assert.Single(audit.QuerySelectorAll("[data-test=audit-row]"));
        Assert.Equal($"user:{user.Email}", row.QuerySelector("[data-test=audit-target]")!.TextContent);
        Assert.Contains("2 session(s) ended", row.TextContent);
    }

    [Fact]
    public async Task RevokeOneToken_AskedAndCancelled_TheTokenStillWorks()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (scenario, accessToken) = await AdminUi.UserWithTokenAsync(factory);
        var token = (await TestTokens.ByAccessTokenAsync(factory, accessToken))!;
        var list = $"/Admin/Tokens?user={Uri.EscapeDataString(scenario.User.Email!)}";
        var (_, tokens) = await Html.GetPageAsync(admin, list);

        var page = await AskAsync(admin, tokens.QuerySelector<IHtmlAnchorElement>("[data-test=revoke-token]")!.GetAttribute("href")!);

        Assert.Equal($"Revoke token {token.Id}?", page.QuerySelector("[data-test=confirm-title]")!.TextContent);
        Assert.Contains(scenario.User.Email!, Consequences(page));
        Assert.Contains(scenario.ClientId, Consequences(page));
        Assert.Equal(Uri.UnescapeDataString(list), Uri.UnescapeDataString(CancelUrl(page)));
        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", accessToken));
    }

    [Fact]
    public async Task RevokeAllOfAUser_Asked_CountsTheirActiveTokensOnly()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (scenario, _) = await AdminUi.UserWithTokenAsync(factory);
        await TokenEndpoint.ObtainTokensAsync(scenario);
        await TokenEndpoint.ObtainTokensAsync(scenario);
        await AdminUi.UserWithTokenAsync(factory); // someone else's

        var page = await AskAsync(admin, $"/Admin/Tokens?handler=RevokeUser&email={Uri.EscapeDataString(scenario.User.Email!)}");

        Assert.Contains($"Revokes 3 active tokens of {scenario.User.Email}", Consequences(page));
        Assert.Equal("/Admin/Tokens", CancelUrl(page));
    }

    [Fact]
    public async Task RevokeAllOfAClient_Asked_CountsItsActiveTokensAndChangesNothing()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (scenario, accessToken) = await AdminUi.UserWithTokenAsync(factory);
        await TokenEndpoint.ObtainTokensAsync(scenario);

        var page = await AskAsync(admin, $"/Admin/Tokens?handler=RevokeClient&clientId={scenario.ClientId}");

        Assert.Contains($"Revokes 2 active tokens of the client {scenario.ClientId}", Consequences(page));
        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", accessToken));
    }

    [Fact]
    public async Task DisableClient_AskedThenConfirmed_CountsItsTokensAndTheyAreRefused()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (scenario, accessToken) = await AdminUi.UserWithTokenAsync(factory);
        var details = $"/Admin/Clients/Details/{scenario.ClientId}";

        var page = await AskAsync(admin, details + "?handler=Disable");
        Assert.Contains("Its 1 active token is refused", Consequences(page));
        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", accessToken));
        Assert.Equal(details, CancelUrl(page));

        var response = await ConfirmAsync(admin, page);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", accessToken));
        var (_, after) = await Html.GetPageAsync(admin, details);
        Assert.Equal("Disabled", after.QuerySelector("[data-test=status]")!.TextContent);
    }

    [Fact]
    public async Task RotateSecret_Confirmed_ShowsTheNewSecretOnceUncachedAndOnlyItWorks()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var developer = await TestUsers.CreateAsync(factory);
        var client = await DeveloperUi.CreateAsync(await SignIn.ClientForAsync(factory, developer.Email!));
        var page = await AskAsync(admin, $"/Admin/Clients/Details/{client.ClientId}?handler=RotateSecret");
        Assert.Contains("stops working at once", Consequences(page));

        var response = await ConfirmAsync(admin, page);
        var shown = await Html.ParseAsync(response);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var secret = shown.QuerySelector("[data-test=client-secret]")!.TextContent.Trim();
        Assert.NotEqual(client.Secret, secret);
        var (_, again) = await Html.GetPageAsync(admin, $"/Admin/Clients/Details/{client.ClientId}");
        Assert.Null(again.QuerySelector("[data-test=client-secret]"));
        var withOld = await TokenWithSecretAsync(client.ClientId, client.Secret!);
        var withNew = await TokenWithSecretAsync(client.ClientId, secret);
        Assert.Equal("invalid_client", withOld["error"]);
        Assert.Equal("invalid_grant", withNew["error"]); // authenticated: only the made-up code is refused
    }

    private Task<TokenEndpoint.Reply> TokenWithSecretAsync(string clientId, string secret) =>
        TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/token",
            new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = "made-up", ["redirect_uri"] = "https://client.example.test/callback" },
            TokenEndpoint.Basic(clientId, secret));

    [Fact]
    public async Task DeveloperDisable_Asked_NamesTheClientAndChangesNothingUntilConfirmed()
    {
        var developer = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, developer.Email!);
        var client = await DeveloperUi.CreateAsync(browser);
        var details = $"/Developer/Clients/{client.ClientId}";
        var (_, detailsPage) = await Html.GetPageAsync(browser, details);

        var page = await AskAsync(browser, detailsPage.QuerySelector<IHtmlAnchorElement>("a[data-test=toggle]")!.GetAttribute("href")!);

        Assert.StartsWith("Disable ", page.QuerySelector("[data-test=confirm-title]")!.TextContent);
        Assert.Contains("0 active tokens are refused", Consequences(page));
        Assert.Equal(details, CancelUrl(page));
        var (_, still) = await Html.GetPageAsync(browser, details);
        Assert.Null(still.QuerySelector("[data-test=disabled-badge]"));
        Html.AssertStatus(HttpStatusCode.Redirect, await ConfirmAsync(browser, page));
        var (_, disabled) = await Html.GetPageAsync(browser, details);
        Assert.NotNull(disabled.QuerySelector("[data-test=disabled-badge]"));
    }

    [Fact]
    public async Task DeveloperRotate_Asked_SaysTheSecretStopsAndCountsTheActiveTokensThatKeepWorking()
    {
        var developer = await TestUsers.CreateAsync(factory);
        var owner = await SignIn.ClientForAsync(factory, developer.Email!);
        var client = await DeveloperUi.CreateAsync(owner);

        var page = await AskAsync(owner, $"/Developer/Clients/{client.ClientId}/Rotate");

        Assert.Contains("stops working at once", page.QuerySelector("[data-test=rotate-warning]")!.TextContent);
        Assert.Equal("0", page.QuerySelector("[data-test=active-tokens]")!.TextContent);
        Assert.Equal($"/Developer/Clients/{client.ClientId}", CancelUrl(page));
    }

    [Fact]
    public async Task Confirmation_UnknownUser_Is404()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);

        Html.AssertStatus(HttpStatusCode.NotFound, await admin.GetAsync("/Admin/Users/Details/nobody?handler=Lock"));
    }

    [Fact]
    public async Task RevokeOneToken_AlreadyRevoked_GoesBackWithAWarning()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);

        var response = await admin.GetAsync("/Admin/Tokens?handler=Revoke&tokenId=999999999");

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal("/Admin/Tokens", response.Headers.Location!.OriginalString);
    }
}
