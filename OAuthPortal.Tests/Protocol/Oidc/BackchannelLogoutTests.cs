using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Management.Users;
using OAuthPortal.OAuth.Oidc.Logout;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Oidc;

/// <summary>Back-Channel Logout 1.0: a signed logout token to every client the ending session signed in to, in the background, retried, failures audited.</summary>
public sealed class BackchannelLogoutTests : IDisposable
{
    private readonly RecordingHttpHandler _network = new();
    private readonly PortalFactory _factory;

    public BackchannelLogoutTests() =>
        _factory = PortalFactory.With(new Dictionary<string, string?>
        {
            ["OAuth:Issuer"] = IdTokens.Issuer, // also for sessions ended outside a request (an admin operation called directly)
            ["OAuth:BackchannelLogout:RetryDelay"] = "00:00:01",
            ["OAuth:BackchannelLogout:Timeout"] = "00:00:02",
        }, configureServices: services =>
        {
            services.AddHttpClient(BackchannelLogoutSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _network);
        });

    public void Dispose() => _factory.Dispose();

    private async Task<(OAuthScenario Scenario, string IdToken)> SignedInAsync(bool backchannel = true)
    {
        var scenario = await OAuthScenario.CreateAsync(_factory, scopeCount: 0, sharedScopes: ["openid"]);
        if (backchannel)
        {
            await OidcClients.SetBackchannelLogoutUriAsync(_factory, scenario.ClientId);
        }

        return (scenario, await OidcClients.IdTokenAsync(scenario));
    }

    private Task<List<AuditEvent>> FailuresAsync() => _factory.WithScopeAsync(s =>
        s.GetRequiredService<PortalDbContext>().AuditEvents.Where(e => e.Action == AuditAction.BackchannelLogoutFailed).ToListAsync());

    private async Task LogOutAsync(OAuthScenario scenario)
    {
        var (_, page) = await Html.GetPageAsync(scenario.Browser, "/oauth2/logout");
        Html.AssertStatus(HttpStatusCode.OK, await Html.SubmitAsync(scenario.Browser, page.Form("form[data-test=logout-form]")));
    }

    [Fact]
    public async Task Logout_ClientWithBackchannelUri_ReceivesAValidLogoutTokenForTheSession()
    {
        var (scenario, idToken) = await SignedInAsync();
        var sid = IdTokens.Payload(await IdTokens.ValidateAsync(_factory, idToken, scenario.ClientId)).GetProperty("sid").GetString();

        await LogOutAsync(scenario);
        await _network.WaitForAsync(1, _factory.Clock);

        var (url, form) = _network.Requests.Single();
        Assert.Equal(OidcClients.BackchannelUri, url.ToString());
        var token = await IdTokens.ValidateAsync(_factory, form["logout_token"], scenario.ClientId, tokenType: "logout+jwt");
        var payload = IdTokens.Payload(token);
        Assert.Equal(scenario.User.Id, token.Subject);
        Assert.Equal(sid, payload.GetProperty("sid").GetString());
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("jti").GetString()));
        Assert.True(payload.GetProperty("iat").GetInt64() > 0);
        var events = payload.GetProperty("events").EnumerateObject().ToList();
        Assert.Equal("http://schemas.openid.net/event/backchannel-logout", Assert.Single(events).Name);
        Assert.Empty(events[0].Value.EnumerateObject());
        Assert.False(payload.TryGetProperty("nonce", out _));
    }

    [Fact]
    public async Task Logout_ClientWithoutBackchannelUri_IsNotCalled()
    {
        var (without, _) = await SignedInAsync(backchannel: false);
        var (with, _) = await SignedInAsync();

        await LogOutAsync(without);
        await LogOutAsync(with); // queued after the first: once it arrives, anything for the first would have too
        await _network.WaitForAsync(1, _factory.Clock);

        var token = await IdTokens.ValidateAsync(_factory, Assert.Single(_network.Requests).Form["logout_token"], with.ClientId, "logout+jwt");
        Assert.Equal(with.User.Id, token.Subject);
    }

    [Fact]
    public async Task Logout_OneOfTwoSessions_NotifiesOnlyTheClientsOfThatSession()
    {
        var (scenario, _) = await SignedInAsync();
        var otherBrowser = await SignIn.ClientForAsync(_factory, scenario.User.Email!);
        var (_, page) = await Html.GetPageAsync(otherBrowser, "/oauth2/logout");

        Html.AssertStatus(HttpStatusCode.OK, await Html.SubmitAsync(otherBrowser, page.Form("form[data-test=logout-form]")));
        await LogOutAsync(scenario);
        await _network.WaitForAsync(1, _factory.Clock);

        Assert.Single(_network.Requests); // the second session signed in to no client
    }

    [Fact]
    public async Task Delivery_FailsTwiceThenSucceeds_IsRetriedAndNotReported()
    {
        var (scenario, _) = await SignedInAsync();
        _network.Answer = attempt => Task.FromResult(attempt < 3 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);

        await LogOutAsync(scenario);
        await _network.WaitForAsync(3, _factory.Clock);
        await Task.Delay(200);

        Assert.Equal(3, _network.Requests.Count);
        Assert.Empty(await FailuresAsync());
        Assert.Single(_network.Requests.Select(r => r.Form["logout_token"]).Distinct());
    }

    [Fact]
    public async Task Delivery_FailsEveryTime_IsReportedAfterTheLastAttempt()
    {
        var (scenario, _) = await SignedInAsync();
        _network.Answer = _ => Task.FromResult(HttpStatusCode.InternalServerError);

        await LogOutAsync(scenario);
        await _network.WaitForAsync(3, _factory.Clock);
        for (var wait = 0; wait < 100 && (await FailuresAsync()).Count == 0; wait++)
        {
            await Task.Delay(20);
        }

        var failure = Assert.Single(await FailuresAsync());
        Assert.Equal(("system", $"client:{scenario.ClientId}"), (failure.Actor, failure.Target));
        Assert.Equal($"{OidcClients.BackchannelUri}: HTTP 500 (3 attempt(s))", failure.Details);
        Assert.Equal(3, _network.Requests.Count);
    }

    [Fact]
    public async Task Logout_ClientNeverAnswers_TheSignOutPageDoesNotWait()
    {
        var (scenario, _) = await SignedInAsync();
        var never = new TaskCompletionSource<HttpStatusCode>();
        _network.Answer = _ => never.Task;

        var started = DateTime.UtcNow;
        await LogOutAsync(scenario);

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), "the sign-out waited for the client");
        never.SetResult(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdminLocksTheUser_EndsTheSessionsAndTellsTheClients()
    {
        var (scenario, _) = await SignedInAsync();

        await _factory.WithScopeAsync(s => s.GetRequiredService<UserAdministration>().SetLockedAsync(scenario.User.Id, locked: true, "admin@example.test"));
        await _network.WaitForAsync(1, _factory.Clock);

        Assert.Equal(scenario.User.Id, (await IdTokens.ValidateAsync(_factory, _network.Requests.Single().Form["logout_token"], scenario.ClientId, "logout+jwt")).Subject);
    }

    [Fact]
    public async Task AccountDeleted_TellsTheClientsItsSessionsSignedInTo()
    {
        var (scenario, _) = await SignedInAsync();

        await _factory.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByIdAsync(scenario.User.Id))!)).Succeeded);
        });
        await _network.WaitForAsync(1, _factory.Clock);

        Assert.Equal(scenario.User.Id, (await IdTokens.ValidateAsync(_factory, _network.Requests.Single().Form["logout_token"], scenario.ClientId, "logout+jwt")).Subject);
        Assert.False(await _factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Users.AnyAsync(u => u.Id == scenario.User.Id)));
    }
}
