using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Api;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>
/// The admin screens with tokens that have no user (client_credentials) and tokens of the device flow: the Tokens page
/// shows a machine token as its client's, finds it by client and by holder, revokes it; revoking a client's tokens
/// also stops its device authorizations; the dashboard counts them; no admin screen fails because of them; a client or
/// an account that has them can be deleted.
/// </summary>
public sealed class MachineTokensAdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static IEnumerable<string> RowIds(IDocument page) => page.QuerySelectorAll("[data-test=token-row]").Select(r => r.GetAttribute("data-token-id")!);

    private static async Task<(RegisteredClient Client, string AccessToken)> MachineTokenAsync(PortalFactory portal)
    {
        await MachineClients.EnsureScopeAsync(portal, PortalApi.StatusScope);
        var client = await MachineClients.RegisterAsync(portal, ClientType.Confidential, [MachineClients.ClientCredentials], PortalApi.StatusScope);
        var tokens = await MachineClients.ClientCredentialsAsync(portal.CreateClient(), client);
        Html.AssertStatus(HttpStatusCode.OK, tokens.Response);
        return (client, tokens["access_token"]!);
    }

    private static async Task<(RegisteredClient Client, PortalUser User, string AccessToken)> DeviceTokenAsync(PortalFactory portal)
    {
        var user = await TestUsers.CreateAsync(portal);
        var client = await MachineClients.RegisterAsync(portal, ClientType.Public, [MachineClients.DeviceCode]);
        var tokens = await MachineClients.DeviceTokensAsync(portal, client, user.Id, PortalApi.ProfileScope);
        return (client, user, tokens["access_token"]!);
    }

    private static async Task<string> TokenIdAsync(PortalFactory portal, string accessToken) =>
        (await TestTokens.ByAccessTokenAsync(portal, accessToken))!.Id.ToString();

    private static Task<string> NameOfAsync(PortalFactory portal, RegisteredClient client) =>
        portal.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == client.ClientId).Select(c => c.Name).SingleAsync());

    [Fact]
    public async Task Search_ByClientName_FindsTheMachineTokenShownAsTheClientsOwn()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (client, accessToken) = await MachineTokenAsync(factory);
        var name = await NameOfAsync(factory, client);

        var (response, page) = await Html.GetPageAsync(admin, $"/Admin/Tokens?client={Uri.EscapeDataString(name.ToUpperInvariant())}");

        Html.AssertStatus(HttpStatusCode.OK, response);
        var row = Assert.Single(page.QuerySelectorAll("[data-test=token-row]"));
        Assert.Equal(await TokenIdAsync(factory, accessToken), row.GetAttribute("data-token-id"));
        Assert.Equal("machine", row.GetAttribute("data-holder"));
        Assert.NotNull(row.QuerySelector("[data-test=machine-token]"));
        Assert.EndsWith($"client {name}", row.QuerySelector("[data-test=token-holder]")!.TextContent.Trim());
        Assert.Equal("client credentials", row.QuerySelector("[data-test=token-grant]")!.TextContent);
        Assert.Equal(PortalApi.StatusScope, row.QuerySelector("code:not(.small)")!.TextContent);
        Assert.DoesNotContain(accessToken, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Search_DeviceFlowToken_IsTheUsersWithGrantDevice()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (_, user, accessToken) = await DeviceTokenAsync(factory);

        var (response, page) = await Html.GetPageAsync(admin, $"/Admin/Tokens?user={Uri.EscapeDataString(user.Email!)}");

        Html.AssertStatus(HttpStatusCode.OK, response);
        var row = Assert.Single(page.QuerySelectorAll("[data-test=token-row]"));
        Assert.Equal(await TokenIdAsync(factory, accessToken), row.GetAttribute("data-token-id"));
        Assert.Equal("user", row.GetAttribute("data-holder"));
        Assert.Equal(user.Email, row.QuerySelector("[data-test=token-holder]")!.TextContent);
        Assert.Equal("device", row.QuerySelector("[data-test=token-grant]")!.TextContent);
    }

    [Fact]
    public async Task Search_ByHolder_SeparatesMachineTokensFromUsersTokens()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (machine, machineToken) = await MachineTokenAsync(factory);
        var (_, userToken) = await AdminUi.UserWithTokenAsync(factory);
        var (_, _, deviceToken) = await DeviceTokenAsync(factory);
        var machineId = await TokenIdAsync(factory, machineToken);

        var (_, machines) = await Html.GetPageAsync(admin, "/Admin/Tokens?holder=Machine");
        var (_, users) = await Html.GetPageAsync(admin, "/Admin/Tokens?holder=User");
        var (_, ofClient) = await Html.GetPageAsync(admin, $"/Admin/Tokens?client={machine.ClientId}&holder=User");

        Assert.Contains(machineId, RowIds(machines));
        Assert.All(machines.QuerySelectorAll("[data-test=token-row]"), r => Assert.Equal("machine", r.GetAttribute("data-holder")));
        Assert.DoesNotContain(machineId, RowIds(users));
        Assert.Contains(await TokenIdAsync(factory, userToken), RowIds(users));
        Assert.Contains(await TokenIdAsync(factory, deviceToken), RowIds(users));
        Assert.Empty(RowIds(ofClient));
        Assert.Equal("Machine", machines.QuerySelector("[data-test=filter-holder] option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task RevokeOne_MachineToken_TheMachineApiRefusesItAndTheAuditNamesTheClient()
    {
        var (admin, adminEmail) = await AdminUi.AdminAsync(factory);
        var (client, accessToken) = await MachineTokenAsync(factory);
        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(factory.CreateClient(), PortalApi.StatusPath, accessToken));

        var response = await AdminUi.PressAsync(admin, $"/Admin/Tokens?client={client.ClientId}", "revoke-token");
        var (_, page) = await Html.GetPageAsync(admin, response.Headers.Location!.OriginalString);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Contains("revoked", page.QuerySelector("[data-test=status-message]")!.TextContent);
        Assert.Equal("revoked", page.QuerySelector("[data-test=token-row]")!.GetAttribute("data-status"));
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), PortalApi.StatusPath, accessToken));
        var (_, audit) = await Html.GetPageAsync(admin, $"/Admin/Audit?action=TokenRevoked&actor={Uri.EscapeDataString(adminEmail)}");
        Assert.Contains(audit.QuerySelectorAll("[data-test=audit-target]"), t => t.TextContent.Contains($"client:{client.ClientId}"));
    }

    [Fact]
    public async Task RevokeAllOfAClient_MachineTokensAndAnApprovedDeviceCode_AreRevokedAndDeclined()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        await MachineClients.EnsureScopeAsync(factory, PortalApi.StatusScope);
        var client = await MachineClients.RegisterAsync(
            factory, ClientType.Confidential, [MachineClients.ClientCredentials, MachineClients.DeviceCode], PortalApi.StatusScope);
        var machineToken = (await MachineClients.ClientCredentialsAsync(factory.CreateClient(), client))["access_token"]!;
        var user = await TestUsers.CreateAsync(factory);
        var authorization = await MachineClients.DeviceAuthorizationAsync(factory.CreateClient(), client, PortalApi.ProfileScope);
        Assert.True(await DeviceFlow.ApproveAsync(factory, authorization["user_code"]!, user.Id));

        await AdminUi.RevokeAllOfClientAsync(admin, client.ClientId);

        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), PortalApi.StatusPath, machineToken));
        var poll = await MachineClients.PollAsync(factory.CreateClient(), client, authorization["device_code"]!);
        Html.AssertStatus(HttpStatusCode.BadRequest, poll.Response);
        Assert.Equal("access_denied", poll["error"]); // declined by the revocation
        Assert.Null(poll["access_token"]);
    }

    [Fact]
    public async Task RevokeAllOfAUser_AnApprovedDeviceCode_IsDeclined()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var user = await TestUsers.CreateAsync(factory);
        var client = await MachineClients.RegisterAsync(factory, ClientType.Public, [MachineClients.DeviceCode]);
        var authorization = await MachineClients.DeviceAuthorizationAsync(factory.CreateClient(), client, PortalApi.ProfileScope);
        Assert.True(await DeviceFlow.ApproveAsync(factory, authorization["user_code"]!, user.Id));

        await AdminUi.RevokeAllOfUserAsync(admin, user.Email!);

        var poll = await MachineClients.PollAsync(factory.CreateClient(), client, authorization["device_code"]!);
        Assert.Equal("access_denied", poll["error"]); // declined by the revocation
        Assert.Null(poll["access_token"]);
    }

    [Theory]
    [InlineData("/Admin")]
    [InlineData("/Admin/Tokens")]
    [InlineData("/Admin/Tokens?holder=Machine")]
    [InlineData("/Admin/Clients")]
    [InlineData("/Admin/Users")]
    [InlineData("/Admin/Scopes")]
    [InlineData("/Admin/Audit")]
    public async Task AdminPage_WithMachineAndDeviceTokens_Answers200(string path)
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (client, machineToken) = await MachineTokenAsync(factory);
        await DeviceTokenAsync(factory);
        var (_, page) = await Html.GetPageAsync(admin, $"/Admin/Tokens?client={client.ClientId}");
        await AdminUi.PressAsync(admin, $"/Admin/Tokens?client={client.ClientId}", "revoke-token"); // an audit entry without a user

        var (response, _) = await Html.GetPageAsync(admin, path);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal(await TokenIdAsync(factory, machineToken), Assert.Single(RowIds(page)));
    }

    [Fact]
    public async Task UserDetails_UserWithADeviceToken_ListsItWithGrantDevice()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (_, user, accessToken) = await DeviceTokenAsync(factory);

        var (response, page) = await Html.GetPageAsync(admin, $"/Admin/Users/Details/{user.Id}");

        Html.AssertStatus(HttpStatusCode.OK, response);
        var row = Assert.Single(page.QuerySelectorAll("[data-test=token-row]"));
        Assert.Equal(await TokenIdAsync(factory, accessToken), row.GetAttribute("data-token-id"));
        Assert.Equal("device", row.QuerySelector("[data-test=token-grant]")!.TextContent);
    }

    [Fact]
    public async Task Dashboard_MachineAndDeviceTokens_AreCountedWhileActiveAndIssuedPerDay()
    {
        using var own = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(own);
        await MachineTokenAsync(own);
        own.Clock.Advance(TimeSpan.FromDays(1));
        await MachineTokenAsync(own);
        await DeviceTokenAsync(own);

        var (_, page) = await Html.GetPageAsync(admin, "/Admin");

        // The first machine token expired with its day (an hour's life, no refresh token): two active, one of them a machine's.
        Assert.Equal("2", page.QuerySelector("[data-test=count][data-label='Active tokens']")!.TextContent);
        Assert.Equal("1", page.QuerySelector("[data-test=machine-count]")!.TextContent);
        var bars = page.QuerySelectorAll("[data-test=chart-bar]").ToList();
        Assert.Equal(("2026-01-15", "1"), (bars[^2].GetAttribute("data-day"), bars[^2].GetAttribute("data-count")));
        Assert.Equal(("2026-01-16", "2"), (bars[^1].GetAttribute("data-day"), bars[^1].GetAttribute("data-count")));
    }

    [Fact]
    public async Task DeleteClient_WithMachineTokensAndDeviceCodes_TakesThemAlong()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        await MachineClients.EnsureScopeAsync(factory, PortalApi.StatusScope);
        var client = await MachineClients.RegisterAsync(
            factory, ClientType.Confidential, [MachineClients.ClientCredentials, MachineClients.DeviceCode], PortalApi.StatusScope);
        var machineToken = (await MachineClients.ClientCredentialsAsync(factory.CreateClient(), client))["access_token"]!;
        var user = await TestUsers.CreateAsync(factory);
        var deviceToken = (await MachineClients.DeviceTokensAsync(factory, client, user.Id, PortalApi.ProfileScope))["access_token"]!;
        await MachineClients.DeviceAuthorizationAsync(factory.CreateClient(), client, PortalApi.ProfileScope); // still pending

        var response = await AdminUi.PressAsync(admin, $"/Admin/Clients/Delete/{client.ClientId}", "confirm-delete");

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Html.AssertStatus(HttpStatusCode.NotFound, await admin.GetAsync($"/Admin/Clients/Delete/{client.ClientId}"));
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), PortalApi.StatusPath, machineToken));
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), PortalApi.MePath, deviceToken));
        var left = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().DeviceCodes.CountAsync(d => d.ClientId == client.ClientId));
        Assert.Equal(0, left);
    }

    [Fact]
    public async Task DeleteAccount_UserWithADeviceTokenAndAnApprovedDeviceCode_TakesThemAlong()
    {
        var (_, user, deviceToken) = await DeviceTokenAsync(factory);
        var client = await MachineClients.RegisterAsync(factory, ClientType.Public, [MachineClients.DeviceCode]);
        var authorization = await MachineClients.DeviceAuthorizationAsync(factory.CreateClient(), client, PortalApi.ProfileScope);
        Assert.True(await DeviceFlow.ApproveAsync(factory, authorization["user_code"]!, user.Id));
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        var (_, page) = await Html.GetPageAsync(browser, "/Identity/Account/Manage/DeletePersonalData");

        var response = await Html.SubmitAsync(browser, page.Form("form#delete-user"), new Dictionary<string, string> { ["Input.Password"] = TestUsers.Password });

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), PortalApi.MePath, deviceToken));
        var poll = await MachineClients.PollAsync(factory.CreateClient(), client, authorization["device_code"]!);
        Assert.Equal("invalid_grant", poll["error"]);
        Assert.Null(poll["access_token"]);
    }
}
