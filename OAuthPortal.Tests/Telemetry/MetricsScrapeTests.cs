using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuthPortal.OAuth;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Telemetry;

/// <summary>
/// /metrics scraped before and after real flows through the portal: each of the portal's counters moves by exactly
/// what the flow did. Runs alone (<see cref="ProcessWideMetrics"/>), so no other test's portal adds to the counts.
/// </summary>
[Collection(ProcessWideMetrics.Name)]
public sealed class MetricsScrapeTests
{
    private const string Issued = "oauthportal_tokens_issued_total";
    private const string TokenErrors = "oauthportal_token_errors_total";
    private const string Replays = "oauthportal_replays_detected_total";
    private const string BearerAccepted = "oauthportal_bearer_accepted_total";
    private const string BearerRejected = "oauthportal_bearer_rejected_total";
    private const string SignInFailures = "oauthportal_sign_in_failures_total";
    private const string ActiveTokens = "oauthportal_tokens_active";
    private const string PruningRuns = "oauthportal_pruning_runs_total";

    [Fact]
    public async Task Scrape_AfterTwoCodeFlows_CountsTwoAuthorizationCodeTokens()
    {
        using var factory = MetricsPortal.Create();
        var scenario = await OAuthScenario.CreateAsync(factory);
        var before = await MetricsPortal.ScrapeAsync(factory);

        await TokenEndpoint.ObtainTokensAsync(scenario);
        await TokenEndpoint.ObtainTokensAsync(scenario);

        var after = await MetricsPortal.ScrapeAsync(factory);
        Assert.Equal(2, Delta(before, after, Issued, ("grant_type", "authorization_code")));
        Assert.Equal(0, Delta(before, after, Issued, ("grant_type", "refresh_token")));
        Assert.Equal(0, after.Value(TokenErrors));
    }

    [Fact]
    public async Task Scrape_AfterUnknownCode_CountsOneInvalidGrant()
    {
        using var factory = MetricsPortal.Create();
        var scenario = await OAuthScenario.CreateAsync(factory);
        var before = await MetricsPortal.ScrapeAsync(factory);

        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, "no-such-code"));

        Assert.Equal("invalid_grant", reply["error"]);
        var after = await MetricsPortal.ScrapeAsync(factory);
        Assert.Equal(1, Delta(before, after, TokenErrors, ("error", "invalid_grant")));
        Assert.Equal(0, Delta(before, after, Issued));
        Assert.Equal(0, Delta(before, after, Replays));
    }

    [Fact]
    public async Task Scrape_AfterCodeReplay_CountsTheReplayAndItsInvalidGrant()
    {
        using var factory = MetricsPortal.Create();
        var scenario = await OAuthScenario.CreateAsync(factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);
        Html.AssertStatus(HttpStatusCode.OK, (await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code))).Response);
        var before = await MetricsPortal.ScrapeAsync(factory);

        var replay = await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));

        Assert.Equal("invalid_grant", replay["error"]);
        var after = await MetricsPortal.ScrapeAsync(factory);
        Assert.Equal(1, Delta(before, after, Replays, ("credential", "authorization_code")));
        Assert.Equal(1, Delta(before, after, TokenErrors, ("error", "invalid_grant")));
    }

    [Fact]
    public async Task Scrape_AfterBearerCalls_CountsAcceptanceAndEachRejectionReason()
    {
        using var factory = MetricsPortal.Create();
        var scenario = await OAuthScenario.CreateAsync(factory, sharedScopes: ["profile"]);
        var token = (await TokenEndpoint.ObtainTokensAsync(scenario))["access_token"];
        var api = factory.CreateClient();
        var before = await MetricsPortal.ScrapeAsync(factory);

        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(api, "/api/me", token));
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(api, "/api/me", "not-a-token"));
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(api, "/api/me", "not-a-token-either"));
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(api, "/api/me", accessToken: null));

        var after = await MetricsPortal.ScrapeAsync(factory);
        Assert.Equal(1, Delta(before, after, BearerAccepted));
        Assert.Equal(2, Delta(before, after, BearerRejected, ("reason", "invalid_token")));
        Assert.Equal(1, Delta(before, after, BearerRejected, ("reason", "missing_token")));
        Assert.Equal(3, Delta(before, after, BearerRejected));
    }

    [Fact]
    public async Task Scrape_AfterWrongPassword_CountsOneSignInFailure()
    {
        using var factory = MetricsPortal.Create();
        var user = await TestUsers.CreateAsync(factory);
        var before = await MetricsPortal.ScrapeAsync(factory);

        var response = await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, "Wrong-password-1");

        Html.AssertStatus(HttpStatusCode.OK, response); // the form again, with its error
        var after = await MetricsPortal.ScrapeAsync(factory);
        Assert.Equal(1, Delta(before, after, SignInFailures, ("reason", "wrong_password")));
    }

    [Fact]
    public async Task Scrape_ActiveTokens_ReportsTheCountOnceTheLastOneIsStale()
    {
        using var factory = MetricsPortal.Create();
        var scenario = await OAuthScenario.CreateAsync(factory);
        await MetricsPortal.ScrapeAsync(factory); // starts the first count (none yet)

        await TokenEndpoint.ObtainTokensAsync(scenario);
        factory.Clock.Advance(TimeSpan.FromMinutes(2)); // past Portal:Telemetry:ActiveTokensRefresh, well within the token's hour

        var scrape = await PollAsync(factory, s => s.Has(ActiveTokens) && s.Value(ActiveTokens) == 1);
        Assert.Equal(1, scrape.Value(ActiveTokens));
    }

    [Fact]
    public async Task Scrape_AfterPruningInterval_CountsACompletedRun()
    {
        using var factory = MetricsPortal.Create();
        var before = await MetricsPortal.ScrapeAsync(factory);
        Assert.Equal(0, before.Value(PruningRuns));
        var interval = await factory.WithScopeAsync(s =>
            Task.FromResult(s.GetRequiredService<IOptions<OAuthOptions>>().Value.PruneInterval));

        // The service may not have started waiting yet when the clock first moves: move it until a run is counted.
        var after = await PollAsync(factory, s => s.Value(PruningRuns, ("outcome", "completed")) >= 1, () => factory.Clock.Advance(interval));

        Assert.True(after.Value(PruningRuns, ("outcome", "completed")) >= 1, after.Text);
        Assert.Equal(0, after.Value(PruningRuns, ("outcome", "failed")));
        Assert.True(after.Has("oauthportal_pruning_rows_total"), after.Text);
    }

    private static double Delta(MetricsPortal.Scrape before, MetricsPortal.Scrape after, string metric, params (string, string)[] labels) =>
        after.Value(metric, labels) - before.Value(metric, labels);

    private static async Task<MetricsPortal.Scrape> PollAsync(PortalFactory factory, Func<MetricsPortal.Scrape, bool> done, Action? between = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            between?.Invoke();
            var scrape = await MetricsPortal.ScrapeAsync(factory);
            if (done(scrape) || DateTime.UtcNow > deadline)
            {
                return scrape;
            }

            await Task.Delay(50);
        }
    }
}
