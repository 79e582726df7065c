using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Device;

/// <summary>
/// grant_type=urn:ietf:params:oauth:grant-type:device_code (RFC 8628 §§3.4, 3.5): the polling answers in order
/// (authorization_pending, slow_down, access_denied, expired_token), and tokens exactly once after approval. Each test
/// has its own portal: they move its clock.
/// </summary>
public sealed class DeviceCodeGrantTests
{
    private sealed record Device(PortalFactory Factory, string ClientId, string? Secret, string DeviceCode, string UserCode, PortalUser User)
    {
        public Task<TokenEndpoint.Reply> PollAsync() => DeviceFlow.PollAsync(Factory.CreateClient(), ClientId, Secret, DeviceCode);

        public Task<bool> ApproveAsync() => DeviceFlow.ApproveAsync(Factory, UserCode, User.Id);

        public void Wait(int seconds) => Factory.Clock.Advance(TimeSpan.FromSeconds(seconds));
    }

    private static async Task<Device> StartAsync(PortalFactory factory, string scope = "profile", ClientType type = ClientType.Public)
    {
        var owner = await TestUsers.CreateAsync(factory);
        var user = await TestUsers.CreateAsync(factory);
        var client = await TestClients.RegisterAsync(factory, owner.Id, type);
        await MachineClients.AllowAsync(factory, client.ClientId, MachineClients.DeviceCode, "refresh_token");
        var reply = await DeviceFlow.AuthorizeAsync(factory.CreateClient(), client.ClientId, client.ClientSecret, scope);
        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        return new Device(factory, client.ClientId, client.ClientSecret, reply["device_code"]!, reply["user_code"]!, user);
    }

    private static void AssertError(TokenEndpoint.Reply reply, string error)
    {
        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal(error, reply["error"]);
    }

    [Fact]
    public async Task Poll_WholeFlow_AnswersInOrder()
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory);

        AssertError(await device.PollAsync(), "authorization_pending");
        device.Wait(5);
        AssertError(await device.PollAsync(), "authorization_pending");
        Assert.True(await device.ApproveAsync());
        device.Wait(5);
        var tokens = await device.PollAsync();
        device.Wait(5);
        var again = await device.PollAsync();

        Html.AssertStatus(HttpStatusCode.OK, tokens.Response);
        Assert.Equal("Bearer", tokens["token_type"]);
        Assert.Equal("profile", tokens["scope"]);
        Assert.NotNull(tokens["refresh_token"]);
        AssertError(again, "invalid_grant");
    }

    [Fact]
    public async Task Poll_SoonerThanTheInterval_IsSlowDownAndTheIntervalGrowsByFive()
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory);

        AssertError(await device.PollAsync(), "authorization_pending");
        device.Wait(4);
        var first = await device.PollAsync();   // 4 s < 5 s: slow down, interval now 10 s
        device.Wait(9);
        var second = await device.PollAsync();  // 9 s < 10 s: slow down, interval now 15 s
        device.Wait(15);
        var third = await device.PollAsync();   // 15 s: fine

        AssertError(first, "slow_down");
        Assert.Contains("10 seconds", first["error_description"]);
        AssertError(second, "slow_down");
        Assert.Contains("15 seconds", second["error_description"]);
        AssertError(third, "authorization_pending");
        var interval = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().DeviceCodes.Select(d => d.PollingInterval).SingleAsync());
        Assert.Equal(15, interval);
    }

    [Fact]
    public async Task Poll_AfterTheLifetime_IsExpiredTokenAndApprovalIsTooLate()
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory);

        device.Wait(600);
        var expired = await device.PollAsync();
        var approved = await device.ApproveAsync();

        AssertError(expired, "expired_token");
        Assert.False(approved);
    }

    [Fact]
    public async Task Poll_ApprovedButExpiredBeforeThePoll_IsExpiredToken()
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory);
        Assert.True(await device.ApproveAsync());

        device.Wait(601);

        AssertError(await device.PollAsync(), "expired_token");
    }

    [Fact]
    public async Task Poll_AfterTheUserDeclined_IsAccessDeniedEveryTime()
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory);

        Assert.True(await DeviceFlow.DenyAsync(factory, device.UserCode, device.User.Id));
        var first = await device.PollAsync();
        device.Wait(5);
        var second = await device.PollAsync();
        var approvedLater = await device.ApproveAsync();

        AssertError(first, "access_denied");
        AssertError(second, "access_denied");
        Assert.False(approvedLater);
    }

    [Fact]
    public async Task Poll_TwentyAtOnceAfterApproval_ExactlyOneGetsTokens()
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory);
        Assert.True(await device.ApproveAsync());
        device.Wait(5);

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => device.PollAsync()));

        Assert.Single(replies, r => r.Response.StatusCode == HttpStatusCode.OK);
        Assert.All(replies.Where(r => r.Response.StatusCode != HttpStatusCode.OK), r => Assert.Equal("invalid_grant", r["error"]));
        var tokens = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AccessTokens.CountAsync(t => t.ClientId == device.ClientId));
        Assert.Equal(1, tokens);
    }

    [Fact]
    public async Task Poll_ApprovedTokens_ActForTheUserAndTheApiAcceptsThem()
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory, "profile");
        await device.ApproveAsync();

        var tokens = await device.PollAsync();
        var me = await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", tokens["access_token"]);

        Html.AssertStatus(HttpStatusCode.OK, me);
        Assert.Contains(device.User.Id, await me.Content.ReadAsStringAsync());
        var grant = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Grants.AsNoTracking().SingleAsync(g => g.ClientId == device.ClientId));
        Assert.Equal(GrantKind.DeviceCode, grant.Kind);
        Assert.Equal(device.User.Id, grant.UserId);
    }

    [Fact]
    public async Task Poll_RefreshTokenFromTheDeviceFlow_Rotates()
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory);
        await device.ApproveAsync();
        var tokens = await device.PollAsync();

        var refreshed = await TokenEndpoint.TokenAsync(factory.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = tokens["refresh_token"]!, ["client_id"] = device.ClientId,
        });

        Html.AssertStatus(HttpStatusCode.OK, refreshed.Response);
        Assert.NotEqual(tokens["refresh_token"], refreshed["refresh_token"]);
    }

    [Fact]
    public async Task Poll_OpenIdScope_IssuesAnIdTokenForTheUser()
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory, "openid profile");
        await device.ApproveAsync();

        var tokens = await device.PollAsync();

        var payload = IdTokens.Payload(await IdTokens.ValidateAsync(factory, tokens["id_token"], device.ClientId));
        Assert.Equal(device.User.Id, payload.GetProperty("sub").GetString());
        Assert.Equal(device.ClientId, payload.GetProperty("aud").GetString());
    }

    [Fact]
    public async Task Poll_ConfidentialClient_AuthenticatesAsAtTheTokenEndpoint()
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory, type: ClientType.Confidential);
        await device.ApproveAsync();

        var withoutSecret = await DeviceFlow.PollAsync(factory.CreateClient(), device.ClientId, null, device.DeviceCode);
        var withSecret = await device.PollAsync();

        Html.AssertStatus(HttpStatusCode.Unauthorized, withoutSecret.Response);
        Html.AssertStatus(HttpStatusCode.OK, withSecret.Response);
    }

    [Fact]
    public async Task Poll_AnotherClientsDeviceCode_IsInvalidGrant()
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory);
        var other = await StartAsync(factory);
        await device.ApproveAsync();

        var reply = await DeviceFlow.PollAsync(factory.CreateClient(), other.ClientId, null, device.DeviceCode);

        AssertError(reply, "invalid_grant");
        Html.AssertStatus(HttpStatusCode.OK, (await device.PollAsync()).Response); // still good for its own client
    }

    [Theory]
    [InlineData(null, "invalid_request")]
    [InlineData("not-a-device-code", "invalid_grant")]
    public async Task Poll_MissingOrUnknownDeviceCode_IsRefused(string? deviceCode, string error)
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory);
        var form = new Dictionary<string, string> { ["grant_type"] = MachineClients.DeviceCode, ["client_id"] = device.ClientId };
        if (deviceCode is not null)
        {
            form["device_code"] = deviceCode;
        }

        AssertError(await TokenEndpoint.TokenAsync(factory.CreateClient(), form), error);
    }

    [Fact]
    public async Task Decide_Twice_OnlyTheFirstAnswerCounts()
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory);

        var approved = await device.ApproveAsync();
        var deniedAfter = await DeviceFlow.DenyAsync(factory, device.UserCode, device.User.Id);
        var approvedAgain = await device.ApproveAsync();

        Assert.True(approved);
        Assert.False(deniedAfter);
        Assert.False(approvedAgain);
        Html.AssertStatus(HttpStatusCode.OK, (await device.PollAsync()).Response);
    }

    [Fact]
    public async Task Prune_ExpiredDeviceCodes_AreDeletedAfterTheRetention()
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory);
        device.Wait(600 + (int)TimeSpan.FromDays(6).TotalSeconds);
        await factory.WithScopeAsync(s => s.GetRequiredService<OAuthPortal.OAuth.Token.TokenPruner>().PruneAsync());
        Assert.Equal(1, await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().DeviceCodes.CountAsync(d => d.ClientId == device.ClientId)));
        device.Wait((int)TimeSpan.FromDays(1).TotalSeconds + 1);

        // (Moving the clock may also wake the background pruning: either run may be the one that deletes it.)
        await factory.WithScopeAsync(s => s.GetRequiredService<OAuthPortal.OAuth.Token.TokenPruner>().PruneAsync());

        Assert.Equal(0, await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().DeviceCodes.CountAsync(d => d.ClientId == device.ClientId)));
        Assert.Equal(0, await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Grants.CountAsync(g => g.ClientId == device.ClientId)));
    }

    [Fact]
    public async Task Poll_TwoAtOnceWhilePending_OneIsToldToSlowDown()
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory);
        AssertError(await device.PollAsync(), "authorization_pending");
        device.Wait(5);

        var replies = await Task.WhenAll(device.PollAsync(), device.PollAsync());

        Assert.Equal(["authorization_pending", "slow_down"], replies.Select(r => r["error"]).Order());
    }

    [Fact]
    public async Task Decide_DisabledClient_IsNotRecorded()
    {
        using var factory = new PortalFactory();
        var device = await StartAsync(factory);
        await TestClients.SetEnabledAsync(factory, device.ClientId, false);

        var approved = await device.ApproveAsync();
        await TestClients.SetEnabledAsync(factory, device.ClientId, true);

        Assert.False(approved);
        AssertError(await device.PollAsync(), "authorization_pending");
    }

    [Fact]
    public async Task DeleteScope_WhileADeviceRequestWaits_IsRefusedUnlessItsUsesAreRevoked()
    {
        using var factory = new PortalFactory();
        var scope = await MachineClients.CreateScopeAsync(factory);
        var device = await StartAsync(factory, scope);
        var scopeId = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Scopes.Where(x => x.Name == scope).Select(x => x.Id).SingleAsync());
        Task<OAuthPortal.Management.Scopes.ScopeDeletion> DeleteAsync(bool revokeUses) =>
            factory.WithScopeAsync(s => s.GetRequiredService<OAuthPortal.Management.Scopes.ScopeCatalog>().DeleteAsync(scopeId, revokeUses, "test"));

        var refused = await DeleteAsync(revokeUses: false);
        var approvedBefore = await device.ApproveAsync();
        var deleted = await DeleteAsync(revokeUses: true);

        Assert.Equal(OAuthPortal.Management.Scopes.ScopeDeletion.InUse, refused);
        Assert.True(approvedBefore);
        Assert.Equal(OAuthPortal.Management.Scopes.ScopeDeletion.Deleted, deleted);
        AssertError(await device.PollAsync(), "access_denied"); // no token with no scope
    }
}
