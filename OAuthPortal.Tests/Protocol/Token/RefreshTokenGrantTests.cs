using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Token;

/// <summary>grant_type=refresh_token (djoauth2/tests/access_token.py, TestRequestAccessTokenFromRefreshToken; RFC 6749 §6, RFC 9700 §4.14.2).</summary>
public sealed class RefreshTokenGrantTests : IDisposable
{
    private readonly RecordingOAuthEvents _events = new();
    private readonly PortalFactory _factory;

    public RefreshTokenGrantTests() =>
        _factory = PortalFactory.With(new Dictionary<string, string?>(), configureServices: s => s.AddSingleton<IOAuthEvents>(_events));

    public void Dispose() => _factory.Dispose();

    private HttpClient Http => _factory.CreateClient();

    private async Task<(OAuthScenario Scenario, TokenEndpoint.Reply Tokens)> TokensAsync(int scopes = 2)
    {
        var scenario = await OAuthScenario.CreateAsync(_factory, scopeCount: scopes);
        return (scenario, await TokenEndpoint.ObtainTokensAsync(scenario));
    }

    private Task<TokenEndpoint.Reply> RefreshAsync(OAuthScenario scenario, string refreshToken, string? scope = null) =>
        TokenEndpoint.TokenAsync(Http, AuthorizationCodeGrantTests.RefreshForm(scenario, refreshToken, scope));

    private static void AssertError(TokenEndpoint.Reply reply, string error)
    {
        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal(error, reply["error"]);
        Assert.True(reply.Response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Refresh_ValidToken_RotatesBothTokensAndRevokesTheOldPair()
    {
        // djoauth2: TestRequestAccessTokenFromRefreshToken.test_after_success_refresh_token_is_invalidated,
        // TestRequestAccessTokenFromRefreshToken.test_request_with_no_scope_succeeds_with_scope_equivalent_to_original
        var (scenario, tokens) = await TokensAsync();

        var reply = await RefreshAsync(scenario, tokens["refresh_token"]!);

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.NotEqual(tokens["access_token"], reply["access_token"]);
        Assert.NotEqual(tokens["refresh_token"], reply["refresh_token"]);
        Assert.Equal(tokens["scope"], reply["scope"]);
        Assert.True(await TestTokens.IsRevokedAsync(_factory, tokens["access_token"]!));
        var old = (await TestTokens.ByAccessTokenAsync(_factory, tokens["access_token"]!))!;
        var fresh = (await TestTokens.ByAccessTokenAsync(_factory, reply["access_token"]!))!;
        Assert.Equal(old.GrantId, fresh.GrantId);
        Assert.Null(fresh.RevokedAt);
    }

    [Fact]
    public async Task Refresh_MissingToken_IsInvalidRequest()
    {
        // djoauth2: TestRequestAccessTokenFromRefreshToken.test_request_without_refresh_token_value_fails
        var (scenario, _) = await TokensAsync();

        var form = AuthorizationCodeGrantTests.RefreshForm(scenario, "x");
        form.Remove("refresh_token");

        AssertError(await TokenEndpoint.TokenAsync(Http, form), "invalid_request");
    }

    [Fact]
    public async Task Refresh_UnknownToken_IsInvalidGrant()
    {
        // djoauth2: TestRequestAccessTokenFromRefreshToken.test_request_with_nonexistent_refresh_token_fails
        var (scenario, _) = await TokensAsync();

        AssertError(await RefreshAsync(scenario, TokenGenerator.NewSecret()), "invalid_grant");
    }

    [Fact]
    public async Task Refresh_AccessTokenInsteadOfRefreshToken_IsInvalidGrant()
    {
        var (scenario, tokens) = await TokensAsync();

        AssertError(await RefreshAsync(scenario, tokens["access_token"]!), "invalid_grant");
    }

    [Fact]
    public async Task Refresh_AnotherClientsToken_IsInvalidGrantAndDoesNotRevokeIt()
    {
        // djoauth2: TestRequestAccessTokenFromRefreshToken.test_request_with_mismatched_client_and_refresh_token_fails
        var (owner, tokens) = await TokensAsync();
        var other = await OAuthScenario.CreateAsync(_factory);

        AssertError(await RefreshAsync(other, tokens["refresh_token"]!), "invalid_grant");
        Html.AssertStatus(HttpStatusCode.OK, (await RefreshAsync(owner, tokens["refresh_token"]!)).Response);
    }

    [Fact]
    public async Task Refresh_RotatedTokenReused_FailsRevokesTheWholeFamilyAndRaisesTheEvent()
    {
        // djoauth2: TestRequestAccessTokenFromRefreshToken.test_reuse_of_refresh_token_fails, TestRequestAccessTokenFromRefreshToken.test_reuse_of_refresh_token_fails_and_fires_signal
        // (our event stands for the signal); RFC 9700 §4.14.2
        var (scenario, tokens) = await TokensAsync();
        var second = await RefreshAsync(scenario, tokens["refresh_token"]!);
        var third = await RefreshAsync(scenario, second["refresh_token"]!);

        var replay = await RefreshAsync(scenario, tokens["refresh_token"]!);

        AssertError(replay, "invalid_grant");
        Assert.True(await TestTokens.IsRevokedAsync(_factory, third["access_token"]!));
        AssertError(await RefreshAsync(scenario, third["refresh_token"]!), "invalid_grant");
        var reused = _events.Of<TokenFamilyEvent>("refresh-reused").First();
        Assert.Equal((scenario.ClientId, scenario.User.Id, 1), (reused.ClientId, reused.UserId, reused.RevokedTokens));
    }

    [Fact]
    public async Task Refresh_NotRefreshableToken_IsInvalidGrant()
    {
        // djoauth2: TestRequestAccessTokenFromRefreshToken.test_tokens_not_refreshable_fails (refreshable flag turned off on the row)
        var (scenario, tokens) = await TokensAsync();
        await _factory.WithScopeAsync(s => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            s.GetRequiredService<OAuthPortal.Data.PortalDbContext>().AccessTokens, u => u.SetProperty(t => t.Refreshable, false)));

        AssertError(await RefreshAsync(scenario, tokens["refresh_token"]!), "invalid_grant");
    }

    [Fact]
    public async Task Refresh_AfterRefreshLifetime_IsInvalidGrant()
    {
        var (scenario, tokens) = await TokensAsync();
        _factory.Clock.Advance(TimeSpan.FromDays(30));

        AssertError(await RefreshAsync(scenario, tokens["refresh_token"]!), "invalid_grant");
    }

    [Fact]
    public async Task Refresh_AfterAccessTokenExpiredButWithinRefreshLifetime_Succeeds()
    {
        var (scenario, tokens) = await TokensAsync();
        _factory.Clock.Advance(TimeSpan.FromDays(29));

        Html.AssertStatus(HttpStatusCode.OK, (await RefreshAsync(scenario, tokens["refresh_token"]!)).Response);
    }

    [Fact]
    public async Task Refresh_SameScope_KeepsIt()
    {
        // djoauth2: TestRequestAccessTokenFromRefreshToken.test_request_with_same_scope_as_original_token_succeeds
        var (scenario, tokens) = await TokensAsync();

        var reply = await RefreshAsync(scenario, tokens["refresh_token"]!, string.Join(' ', scenario.Scopes.Reverse()));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.Equal(scenario.Scopes.Order(), reply["scope"]!.Split(' ').Order());
    }

    [Fact]
    public async Task Refresh_Subset_NarrowsTheNewTokenAndFutureRefreshes()
    {
        // djoauth2: TestRequestAccessTokenFromRefreshToken.test_request_with_subset_of_initial_scope_fails (djoauth2 expected 400; RFC 6749 §6 wins)
        var (scenario, tokens) = await TokensAsync(scopes: 3);

        var narrowed = await RefreshAsync(scenario, tokens["refresh_token"]!, scenario.Scopes[1]);
        var widenedAgain = await RefreshAsync(scenario, narrowed["refresh_token"]!, string.Join(' ', scenario.Scopes));

        Assert.Equal(scenario.Scopes[1], narrowed["scope"]);
        Assert.Equal([scenario.Scopes[1]], (await TestTokens.ByAccessTokenAsync(_factory, narrowed["access_token"]!))!.Scopes.Select(s => s.Name));
        AssertError(widenedAgain, "invalid_scope");
    }

    [Theory]
    [InlineData("superset")]   // djoauth2: TestRequestAccessTokenFromRefreshToken.test_request_with_superset_of_initial_scope_fails
    [InlineData("unknown")]    // djoauth2: TestRequestAccessTokenFromRefreshToken.test_request_with_nonexistent_scope_fails
    public async Task Refresh_ScopeNotGranted_IsInvalidScopeAndKeepsTheTokenUsable(string kind)
    {
        var (scenario, tokens) = await TokensAsync();
        var other = await OAuthScenario.CreateAsync(_factory, scopeCount: 1);
        var scope = kind == "superset" ? $"{string.Join(' ', scenario.Scopes)} {other.Scopes[0]}" : "no-such-scope";

        AssertError(await RefreshAsync(scenario, tokens["refresh_token"]!, scope), "invalid_scope");
        Html.AssertStatus(HttpStatusCode.OK, (await RefreshAsync(scenario, tokens["refresh_token"]!)).Response);
    }

    [Fact]
    public async Task Refresh_NewToken_UsesTheCurrentLifetime()
    {
        var (scenario, tokens) = await TokensAsync();
        _factory.Clock.Advance(TimeSpan.FromHours(2));

        var reply = await RefreshAsync(scenario, tokens["refresh_token"]!);

        var token = (await TestTokens.ByAccessTokenAsync(_factory, reply["access_token"]!))!;
        Assert.Equal(PortalFactory.Start.UtcDateTime.AddHours(3), token.ExpiresAt);
        Assert.Equal(PortalFactory.Start.UtcDateTime.AddHours(2).AddDays(30), token.RefreshExpiresAt);
    }

    [Fact]
    public async Task Refresh_PublicClient_RotatesWithoutASecret()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory, OAuthPortal.Data.ClientType.Public);
        var tokens = await TokenEndpoint.ObtainTokensAsync(scenario);

        Html.AssertStatus(HttpStatusCode.OK, (await RefreshAsync(scenario, tokens["refresh_token"]!)).Response);
    }
}
