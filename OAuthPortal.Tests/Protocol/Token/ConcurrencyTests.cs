using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Token;

/// <summary>Single use under concurrency: the conditional update lets exactly one of many simultaneous redemptions win.</summary>
public sealed class ConcurrencyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Attempts = 20;

    private async Task<TokenEndpoint.Reply[]> RaceAsync(Func<Dictionary<string, string>> form)
    {
        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, Attempts).Select(async _ =>
        {
            var http = factory.CreateClient();
            await start.WaitAsync();
            return await TokenEndpoint.TokenAsync(http, form());
        }).ToList();
        start.Release(Attempts);
        return await Task.WhenAll(attempts);
    }

    [Fact]
    public async Task Exchange_TwentySimultaneousRedemptionsOfOneCode_ExactlyOneSucceeds()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);

        var replies = await RaceAsync(() => TokenEndpoint.CodeForm(scenario, code));

        Assert.Single(replies, r => r.Response.StatusCode == HttpStatusCode.OK);
        Assert.All(replies.Where(r => r.Response.StatusCode != HttpStatusCode.OK), r =>
        {
            Html.AssertStatus(HttpStatusCode.BadRequest, r.Response);
            Assert.Equal("invalid_grant", r["error"]);
        });
    }

    [Fact]
    public async Task Refresh_TwentySimultaneousRefreshesOfOneToken_ExactlyOneSucceeds()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var tokens = await TokenEndpoint.ObtainTokensAsync(scenario);

        var replies = await RaceAsync(() => AuthorizationCodeGrantTests.RefreshForm(scenario, tokens["refresh_token"]!));

        Assert.Single(replies, r => r.Response.StatusCode == HttpStatusCode.OK);
        Assert.All(replies.Where(r => r.Response.StatusCode != HttpStatusCode.OK), r => Assert.Equal("invalid_grant", r["error"]));
    }
}
