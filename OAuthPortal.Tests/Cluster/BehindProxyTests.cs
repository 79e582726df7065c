using System.Net;
using OAuthPortal.Tests.Support;
using Xunit.Abstractions;

namespace OAuthPortal.Tests.Cluster;

/// <summary>
/// Issue #18: three Production instances on one PostgreSQL database behind nginx terminating TLS behave as one
/// portal. Each step of a flow is sent to a different instance (asserted with nginx's X-Upstream header), so anything an
/// instance kept to itself (a cookie key, a code, a one-time secret, a rotation) would show.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BehindProxyTests(ClusterTopology cluster, ITestOutputHelper output) : IClassFixture<ClusterTopology>
{
    private readonly ClusterFlows _flows = new(cluster);

    [SkippableFact]
    public async Task AuthorizationCode_LoginConsentAndTokenOnThreeInstances_IssuesWorkingTokens()
    {
        Skip.If(cluster.SkipReason is not null, cluster.SkipReason);
        var client = await cluster.SharedClientAsync();
        using var registration = cluster.CreateClient();
        var email = await _flows.RegisterAsync(registration);
        using var browser = cluster.CreateClient();

        var login = await _flows.SignInAsync(browser, email);
        var loginInstance = cluster.ServedBy(login);
        var consent = await _flows.ConsentAsync(browser, client, loginInstance);
        var consentInstance = cluster.ServedBy(consent);
        var code = _flows.CodeOf(consent);
        await _flows.SteerAwayFromAsync(loginInstance, consentInstance);
        var tokens = await ClusterFlows.ExchangeAsync(browser, client, code);
        var tokenInstance = cluster.ServedBy(tokens.Response);
        var me = await ClusterFlows.MeAsync(browser, tokens["access_token"]!);

        output.WriteLine($"login on {loginInstance.Number}, consent on {consentInstance.Number}, token on {tokenInstance.Number}");
        Html.AssertStatus(HttpStatusCode.Redirect, login);
        Assert.Equal(3, new[] { loginInstance, consentInstance, tokenInstance }.Distinct().Count());
        Html.AssertStatus(HttpStatusCode.OK, tokens.Response);
        Assert.NotNull(tokens["refresh_token"]);
        Html.AssertStatus(HttpStatusCode.OK, me);
        Assert.Contains(email, await me.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The developer area shows a new client's secret once, on the page the registration redirects to; behind a load
    /// balancer that page is usually served by another instance than the one that registered the client.
    /// NOTE for the merge: this needs the one-time secret store in the database (another branch moves it there). With the
    /// in-memory store of this branch (AddDistributedMemoryCache in Hosting/) it fails: the other instance has no secret.
    /// Run it again after merging that branch; it is not skipped on purpose.
    /// </summary>
    [SkippableFact]
    public async Task DeveloperSecret_RegisteredOnOneInstanceShownByAnother_IsTheClientsSecret()
    {
        Skip.If(cluster.SkipReason is not null, cluster.SkipReason);
        using var browser = cluster.CreateClient();
        await _flows.RegisterAsync(browser);

        var (form, formPage) = await Html.GetPageAsync(browser, "/Developer/Clients/Create");
        Html.AssertStatus(HttpStatusCode.OK, form);
        var registered = await Html.SubmitAsync(browser, formPage.Form("form#client-form"), new Dictionary<string, string>
        {
            ["Input.Name"] = Unique.Name("handover"),
            ["Input.RedirectUris"] = ClusterTopology.RedirectUri,
            ["Type"] = "Confidential",
        });
        Html.AssertStatus(HttpStatusCode.Redirect, registered);
        var registeredOn = cluster.ServedBy(registered);
        var secretUrl = registered.Headers.Location!.OriginalString;
        Assert.EndsWith("/Secret", secretUrl);
        var clientId = secretUrl.Split('/')[^2];
        await _flows.SteerAwayFromAsync(registeredOn);
        var (secretResponse, secretPage) = await Html.GetPageAsync(browser, secretUrl);
        var shownOn = cluster.ServedBy(secretResponse);
        var secret = secretPage.QuerySelector("[data-test=client-secret]")?.TextContent.Trim();

        output.WriteLine($"registered on {registeredOn.Number}, secret page on {shownOn.Number}");
        Assert.NotEqual(registeredOn, shownOn);
        Html.AssertStatus(HttpStatusCode.OK, secretResponse);
        Assert.False(string.IsNullOrEmpty(secret), "The secret page served by another instance shows no secret (one-time secret store not shared); it says: " +
            (secretPage.QuerySelector("[data-test=secret-gone]")?.TextContent.Trim() ?? "nothing"));
        // The secret shown is the client's: it authenticates the client at the introspection endpoint (200, not 401).
        var introspection = await TokenEndpoint.PostAsync(browser, "/oauth2/introspect",
            new Dictionary<string, string> { ["token"] = "not-a-token" }, TokenEndpoint.Basic(clientId, secret!));
        Html.AssertStatus(HttpStatusCode.OK, introspection.Response);
        Assert.Equal("false", introspection["active"]);
    }

    [SkippableFact]
    public async Task RefreshToken_ReplayedAtAnotherInstance_RevokesTheFamilyEverywhere()
    {
        Skip.If(cluster.SkipReason is not null, cluster.SkipReason);
        var client = await cluster.SharedClientAsync();
        using var browser = await _flows.ConsentedBrowserAsync(client);
        var first = await _flows.ObtainTokensAsync(browser, client);

        var rotated = await ClusterFlows.RefreshAsync(browser, client, first["refresh_token"]!);
        Html.AssertStatus(HttpStatusCode.OK, rotated.Response);
        var rotatedOn = cluster.ServedBy(rotated.Response);
        await _flows.SteerAwayFromAsync(rotatedOn);
        var replay = await ClusterFlows.RefreshAsync(browser, client, first["refresh_token"]!);
        var replayedOn = cluster.ServedBy(replay.Response);
        await _flows.SteerAwayFromAsync(replayedOn);
        var afterReplay = await ClusterFlows.RefreshAsync(browser, client, rotated["refresh_token"]!);
        var me = await ClusterFlows.MeAsync(browser, rotated["access_token"]!);

        output.WriteLine($"rotated on {rotatedOn.Number}, replayed on {replayedOn.Number}, new pair refused on {cluster.ServedBy(afterReplay.Response).Number}");
        Assert.NotEqual(rotatedOn, replayedOn);
        Assert.NotEqual(replayedOn, cluster.ServedBy(afterReplay.Response));
        Html.AssertStatus(HttpStatusCode.BadRequest, replay.Response);
        Assert.Equal("invalid_grant", replay["error"]);
        // RFC 9700 §4.14.2: the replay revoked the whole family, including the pair the legitimate rotation issued.
        Html.AssertStatus(HttpStatusCode.BadRequest, afterReplay.Response);
        Assert.Equal("invalid_grant", afterReplay["error"]);
        Html.AssertStatus(HttpStatusCode.Unauthorized, me);
    }

    /// <summary>
    /// Rotation is one conditional UPDATE in the transaction that issues the new pair: 50 requests racing with one
    /// refresh token on three processes get one new pair between them; every other one is refused as invalid_grant (a
    /// replay), never a 500 and never a second pair.
    /// </summary>
    [SkippableFact]
    public async Task RefreshToken_FiftyConcurrentUsesOnThreeInstances_OneSucceedsTheRestInvalidGrant()
    {
        Skip.If(cluster.SkipReason is not null, cluster.SkipReason);
        var client = await cluster.SharedClientAsync();
        using var browser = await _flows.ConsentedBrowserAsync(client);
        var refreshToken = (await _flows.ObtainTokensAsync(browser, client))["refresh_token"]!;
        using var http = cluster.CreateClient();

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => ClusterFlows.RefreshAsync(http, client, refreshToken))));

        var outcomes = replies.GroupBy(r => $"{(int)r.Response.StatusCode} {r["error"]}").Select(g => $"{g.Key}: {g.Count()}");
        output.WriteLine(string.Join(", ", outcomes));
        var servedBy = replies.Select(r => cluster.ServedBy(r.Response)).Distinct().Count();
        output.WriteLine($"served by {servedBy} instances");
        Assert.Equal(3, servedBy);
        Assert.Single(replies, r => r.Response.StatusCode == HttpStatusCode.OK);
        Assert.All(replies.Where(r => r.Response.StatusCode != HttpStatusCode.OK), r =>
        {
            Html.AssertStatus(HttpStatusCode.BadRequest, r.Response);
            Assert.Equal("invalid_grant", r["error"]);
        });
    }
}
