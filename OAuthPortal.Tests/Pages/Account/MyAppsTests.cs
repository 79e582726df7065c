using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Account;

/// <summary>/Account/Apps: the apps a user authorized, and taking the access back.</summary>
public sealed class MyAppsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task MyApps_NoGrant_ExplainsWhatAppears()
    {
        var user = await TestUsers.CreateAsync(factory);

        var (_, page) = await Html.GetPageAsync(await SignIn.ClientForAsync(factory, user.Email!), "/Account/Apps");

        Assert.NotNull(page.QuerySelector("[data-test=no-apps]"));
    }

    [Fact]
    public async Task MyApps_AfterConsent_ListsTheAppWithScopesAndUse()
    {
        var (scenario, _) = await AdminUi.UserWithTokenAsync(factory);

        var (_, page) = await Html.GetPageAsync(scenario.Browser, "/Account/Apps");

        var app = page.QuerySelector($"[data-test=app][data-client-id='{scenario.ClientId}']")!;
        Assert.StartsWith("client-", app.QuerySelector("[data-test=app-name]")!.TextContent);
        Assert.Equal(string.Join(", ", scenario.Scopes.Order()), string.Join(", ", app.QuerySelector("[data-test=app-scopes]")!.TextContent.Split(", ").Order()));
        Assert.Equal("1", app.QuerySelector("[data-test=app-active-tokens]")!.TextContent);
        Assert.Equal("2026-01-15 09:00 UTC", app.QuerySelector("[data-test=app-last-used]")!.TextContent);
    }

    [Fact]
    public async Task RevokeAccess_Confirmed_TokensFailAndTheNextAuthorizationAsksAgain()
    {
        var (scenario, token) = await AdminUi.UserWithTokenAsync(factory);
        Html.AssertStatus(HttpStatusCode.Redirect, await scenario.Browser.GetAsync(scenario.AuthorizeUrl()));

        var response = await AdminUi.PressAsync(scenario.Browser, $"/Account/Apps/{scenario.ClientId}/Revoke", "confirm-revoke");

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", token));
        var (again, page) = await Html.GetPageAsync(scenario.Browser, scenario.AuthorizeUrl());
        Html.AssertStatus(HttpStatusCode.OK, again);
        Assert.NotNull(page.QuerySelector("form[data-test=consent-form]"));
        var (_, apps) = await Html.GetPageAsync(scenario.Browser, "/Account/Apps");
        Assert.Null(apps.QuerySelector($"[data-test=app][data-client-id='{scenario.ClientId}']"));
    }

    [Fact]
    public async Task RevokeAccess_AnotherUsersOrUnknownApp_Is404()
    {
        var (scenario, _) = await AdminUi.UserWithTokenAsync(factory);
        var stranger = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);

        Html.AssertStatus(HttpStatusCode.NotFound, await stranger.GetAsync($"/Account/Apps/{scenario.ClientId}/Revoke"));
        Html.AssertStatus(HttpStatusCode.NotFound, await scenario.Browser.GetAsync("/Account/Apps/no-such-client/Revoke"));
    }

    /// <summary>A user who signed a device in (the device flow remembers no consent): the device polled and holds tokens.</summary>
    private async Task<(HttpClient Browser, string ClientId, string AccessToken)> DeviceSignedInAsync()
    {
        var clientId = await DeviceFlow.ClientAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);
        var device = await DeviceFlow.StartAsync(factory.CreateClient(), clientId);
        Html.AssertStatus(HttpStatusCode.Redirect, await DeviceFlow.DecideAsync(browser, device.UserCode, "allow"));
        var tokens = await DeviceFlow.PollAsync(factory.CreateClient(), clientId, device.DeviceCode);
        return (browser, clientId, tokens["access_token"]!);
    }

    [Fact]
    public async Task MyApps_AfterADeviceSignIn_ListsTheAppWithItsScopesAndToken()
    {
        var (browser, clientId, _) = await DeviceSignedInAsync();

        var (_, page) = await Html.GetPageAsync(browser, "/Account/Apps");

        var app = page.QuerySelector($"[data-test=app][data-client-id='{clientId}']")!;
        Assert.StartsWith("client-", app.QuerySelector("[data-test=app-name]")!.TextContent);
        Assert.Equal("profile", app.QuerySelector("[data-test=app-scopes]")!.TextContent);
        Assert.Equal("1", app.QuerySelector("[data-test=app-active-tokens]")!.TextContent);
    }

    [Fact]
    public async Task RevokeAccess_DeviceApp_ItsTokenFailsAndTheAppLeavesTheList()
    {
        var (browser, clientId, token) = await DeviceSignedInAsync();

        var response = await AdminUi.PressAsync(browser, $"/Account/Apps/{clientId}/Revoke", "confirm-revoke");

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", token));
        var (_, apps) = await Html.GetPageAsync(browser, "/Account/Apps");
        Assert.Null(apps.QuerySelector($"[data-test=app][data-client-id='{clientId}']"));
        Html.AssertStatus(HttpStatusCode.NotFound, await browser.GetAsync($"/Account/Apps/{clientId}/Revoke"));
    }

    [Fact]
    public async Task RevokeAccess_DeviceApp_AnotherApprovedDeviceNotYetPolledIsDenied()
    {
        var (browser, clientId, _) = await DeviceSignedInAsync();
        var second = await DeviceFlow.StartAsync(factory.CreateClient(), clientId);
        Html.AssertStatus(HttpStatusCode.Redirect, await DeviceFlow.DecideAsync(browser, second.UserCode, "allow"));

        await AdminUi.PressAsync(browser, $"/Account/Apps/{clientId}/Revoke", "confirm-revoke");
        var poll = await DeviceFlow.PollAsync(factory.CreateClient(), clientId, second.DeviceCode);

        Assert.Equal("access_denied", poll["error"]);
    }
}
