using System.Net;
using System.Text.Json;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Hardening;

/// <summary>Rate limits (429 with Retry-After, OAuth JSON on OAuth endpoints) and the health endpoints.</summary>
public sealed class RateLimitAndHealthTests
{
    private static PortalFactory Limited(int oauth, int login, int perAddress = 100) => PortalFactory.With(new Dictionary<string, string?>
    {
        ["Portal:RateLimits:OAuthPermitsPerMinute"] = oauth.ToString(), ["Portal:RateLimits:LoginPermitsPerMinute"] = login.ToString(),
        ["Portal:RateLimits:OAuthPermitsPerMinutePerAddress"] = perAddress.ToString(),
    });

    private static readonly Dictionary<string, string> BadRefresh = new() { ["grant_type"] = "refresh_token", ["refresh_token"] = "x" };

    [Fact]
    public async Task TokenEndpoint_OverTheLimitForOneClient_Is429WithRetryAfterAndAnOAuthError()
    {
        using var factory = Limited(oauth: 3, login: 100);
        var http = factory.CreateClient();
        var basic = TokenEndpoint.Basic("some-client", "secret");

        var replies = new List<TokenEndpoint.Reply>();
        for (var i = 0; i < 4; i++)
        {
            replies.Add(await TokenEndpoint.TokenAsync(http, BadRefresh, basic));
        }

        var otherClient = await TokenEndpoint.TokenAsync(http, BadRefresh, TokenEndpoint.Basic("another-client", "secret"));

        Assert.All(replies.Take(3), r => Assert.NotEqual(HttpStatusCode.TooManyRequests, r.Response.StatusCode));
        var limited = replies[3];
        Html.AssertStatus(HttpStatusCode.TooManyRequests, limited.Response);
        Assert.True(int.Parse(limited.Response.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Equal("temporarily_unavailable", limited["error"]);
        Assert.True(limited.Response.Headers.CacheControl?.NoStore);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherClient.Response.StatusCode);
    }

    [Fact]
    public async Task TokenEndpoint_SomeoneUsesUpAClientIdWithAWrongSecret_TheRealClientIsNotLimited()
    {
        using var factory = Limited(oauth: 3, login: 100);
        var http = factory.CreateClient();
        var attacker = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            attacker.Add((await TokenEndpoint.TokenAsync(http, BadRefresh, TokenEndpoint.Basic("victim-client", "wrong-secret"))).Response.StatusCode);
        }

        var real = await TokenEndpoint.TokenAsync(http, BadRefresh, TokenEndpoint.Basic("victim-client", "the-real-secret"));

        Assert.Equal(HttpStatusCode.TooManyRequests, attacker[3]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, real.Response.StatusCode);
    }

    [Theory]
    [InlineData("/oauth2/token")]
    [InlineData("/oauth2/revoke")]
    [InlineData("/oauth2/introspect")]
    public async Task OAuthEndpoint_MadeUpClientIdsFromOneAddress_AreLimitedPerAddress(string path)
    {
        using var factory = Limited(oauth: 100, login: 100, perAddress: 3);
        var http = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var form = new Dictionary<string, string> { ["token"] = "x", ["grant_type"] = "refresh_token", ["refresh_token"] = "x" };
            statuses.Add((await TokenEndpoint.PostAsync(http, path, form, TokenEndpoint.Basic("made-up-" + i, "secret"))).Response.StatusCode);
        }

        Assert.All(statuses.Take(3), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
    }

    [Fact]
    public async Task Login_TooManyPostsFromOneAddress_Is429ButThePageStillLoads()
    {
        using var factory = Limited(oauth: 100, login: 2);
        var browser = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await SignIn.PostLoginAsync(browser, "nobody@example.test", "wrong-password")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Html.AssertStatus(HttpStatusCode.OK, await browser.GetAsync("/Identity/Account/Login"));
    }

    [Fact]
    public async Task AccountForms_TooManyPostsFromOneAddress_Is429()
    {
        using var factory = Limited(oauth: 100, login: 3);
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!); // POST 1
        var (_, page) = await Html.GetPageAsync(browser, "/Identity/Account/Manage/DeletePersonalData");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await Html.SubmitAsync(browser, page.Form("form#delete-user"), new Dictionary<string, string> { ["Input.Password"] = "wrong" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Healthz_Always_IsAConstantOk()
    {
        using var factory = new PortalFactory();

        var response = await factory.CreateClient().GetAsync("/healthz");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_DatabaseReachable_IsHealthy()
    {
        using var factory = new PortalFactory();

        var response = await factory.CreateClient().GetAsync("/readyz");

        Html.AssertStatus(HttpStatusCode.OK, response);
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task Readyz_DatabaseGone_IsUnhealthy503()
    {
        using var factory = new PortalFactory();
        _ = factory.CreateClient();
        DatabaseFiles.Delete(factory.DatabasePath);
        Directory.CreateDirectory(factory.DatabasePath); // a folder where the file was: SQLite cannot open it

        try
        {
            var response = await factory.CreateClient().GetAsync("/readyz");

            Html.AssertStatus(HttpStatusCode.ServiceUnavailable, response);
            Assert.Contains("Unhealthy", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            Directory.Delete(factory.DatabasePath);
        }
    }
}
