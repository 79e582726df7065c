using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Token;

/// <summary>grant_type=authorization_code (djoauth2/tests/access_token.py, TestRequestAccessTokenFromAuthorizationCode; RFC 6749 §4.1.3, RFC 7636).</summary>
public sealed class AuthorizationCodeGrantTests : IDisposable
{
    private readonly RecordingOAuthEvents _events = new();
    private readonly PortalFactory _factory;

    public AuthorizationCodeGrantTests() =>
        _factory = PortalFactory.With(new Dictionary<string, string?>(), configureServices: s => s.AddSingleton<IOAuthEvents>(_events));

    public void Dispose() => _factory.Dispose();

    private HttpClient Http => _factory.CreateClient();

    private static void AssertInvalidGrant(TokenEndpoint.Reply reply)
    {
        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("invalid_grant", reply["error"]);
        Assert.Null(reply["access_token"]);
    }

    [Fact]
    public async Task Exchange_ValidCode_ReturnsBearerTokenWithRefreshTokenAndNoStore()
    {
        // RFC 6749 §5.1: the successful response.
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);

        var reply = await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, code));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", reply["access_token"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", reply["refresh_token"]);
        Assert.Equal("Bearer", reply["token_type"]);
        Assert.Equal(3600, reply.Json.GetProperty("expires_in").GetInt64());
        Assert.Equal(string.Join(' ', scenario.Scopes), reply["scope"]);
        Assert.True(reply.Response.Headers.CacheControl?.NoStore);
        Assert.Equal("no-cache", reply.Response.Headers.Pragma.ToString());
        var token = (await TestTokens.ByAccessTokenAsync(_factory, reply["access_token"]!))!;
        Assert.Equal((scenario.ClientId, scenario.User.Id), (token.ClientId, token.UserId));
        Assert.Equal(SecretHasher.Hash(reply["refresh_token"]!), token.RefreshTokenHash);
        var grant = await _factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Grants.SingleAsync(g => g.Id == token.GrantId));
        Assert.Equal((GrantKind.AuthorizationCode, scenario.ClientId, scenario.User.Id, string.Join(' ', scenario.Scopes)),
            (grant.Kind, grant.ClientId, grant.UserId, grant.ScopeNames));
    }

    [Fact]
    public async Task Exchange_NotRefreshableSetting_OmitsRefreshToken()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:AccessTokensRefreshable"] = "false", ["OAuth:AccessTokenLifetime"] = "00:05:00" });
        var scenario = await OAuthScenario.CreateAsync(factory);

        var reply = await TokenEndpoint.ObtainTokensAsync(scenario);

        Assert.Null(reply["refresh_token"]);
        Assert.Equal(300, reply.Json.GetProperty("expires_in").GetInt64());
    }

    [Fact]
    public async Task Exchange_MissingCode_IsInvalidRequest()
    {
        // djoauth2: TestRequestAccessTokenFromAuthorizationCode.test_request_without_code_value_fails
        var scenario = await OAuthScenario.CreateAsync(_factory);

        var reply = await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, "x", ("code", null)));

        Assert.Equal("invalid_request", reply["error"]);
    }

    [Fact]
    public async Task Exchange_UnknownCode_IsInvalidGrant()
    {
        // djoauth2: TestRequestAccessTokenFromAuthorizationCode.test_nonexistent_code_fails
        var scenario = await OAuthScenario.CreateAsync(_factory);

        AssertInvalidGrant(await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, TokenGenerator.NewSecret())));
    }

    [Fact]
    public async Task Exchange_AnotherClientsCode_IsInvalidGrantAndLeavesItUsable()
    {
        // djoauth2: TestRequestAccessTokenFromAuthorizationCode.test_mismatched_code_and_client_fails
        var owner = await OAuthScenario.CreateAsync(_factory);
        var other = await OAuthScenario.CreateAsync(_factory);
        var code = await TokenEndpoint.AuthorizeAsync(owner);

        AssertInvalidGrant(await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(other, code)));
        Html.AssertStatus(HttpStatusCode.OK, (await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(owner, code))).Response);
    }

    [Fact]
    public async Task Exchange_ExpiredCode_IsInvalidGrant()
    {
        // djoauth2: TestRequestAccessTokenFromAuthorizationCode.test_expired_code_fails
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);
        _factory.Clock.Advance(TimeSpan.FromMinutes(10));

        AssertInvalidGrant(await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, code)));
    }

    [Fact]
    public async Task Exchange_CodeJustBeforeExpiry_Succeeds()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);
        _factory.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));

        Html.AssertStatus(HttpStatusCode.OK, (await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, code))).Response);
    }

    [Fact]
    public async Task Exchange_CodeUsedTwice_FailsAndRevokesEveryTokenOfTheFamilyAndRaisesTheEvent()
    {
        // djoauth2: TestRequestAccessTokenFromAuthorizationCode.test_reuse_of_single_authorization_code_fails_and_invalidates_previously_granted_tokens
        // (RFC 6749 §4.1.2, §10.5), including tokens later made by refresh
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);
        var first = await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, code));
        var refreshed = await TokenEndpoint.TokenAsync(Http, RefreshForm(scenario, first["refresh_token"]!));

        var replay = await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, code));

        AssertInvalidGrant(replay);
        Assert.True(await TestTokens.IsRevokedAsync(_factory, first["access_token"]!));
        Assert.True(await TestTokens.IsRevokedAsync(_factory, refreshed["access_token"]!));
        var reused = Assert.Single(_events.Of<TokenFamilyEvent>("code-reused"));
        Assert.Equal((scenario.ClientId, scenario.User.Id, 1), (reused.ClientId, reused.UserId, reused.RevokedTokens));
    }

    [Fact]
    public async Task Exchange_Success_MarksTheCodeConsumed()
    {
        // djoauth2: TestRequestAccessTokenFromAuthorizationCode.test_after_success_authorization_code_is_invalidated
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);

        await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, code));

        var stored = await _factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuthorizationCodes.SingleAsync(c => c.CodeHash == SecretHasher.Hash(code)));
        Assert.Equal(PortalFactory.Start.UtcDateTime, stored.ConsumedAt);
    }

    [Theory]
    [InlineData(false, null, HttpStatusCode.OK)]                                        // djoauth2: TestAuthorizationAndTokenEndpoints.test_authorization_request_omitted_redirect_uri_and_no_redirect_uri_passed_succeeds
    [InlineData(false, "https://client.example.test/callback", HttpStatusCode.OK)]      // sent at token only: ignored (djoauth2)
    [InlineData(false, "https://elsewhere.example/cb", HttpStatusCode.OK)]
    [InlineData(true, "https://client.example.test/callback", HttpStatusCode.OK)]       // djoauth2: TestAuthorizationAndTokenEndpoints.test_authorization_request_included_redirect_uri_and_same_redirect_uri_passed_succeeds
    [InlineData(true, null, HttpStatusCode.BadRequest)]                                 // djoauth2: TestAuthorizationAndTokenEndpoints.test_authorization_request_included_redirect_uri_and_no_redirect_uri_passed_fails
    [InlineData(true, "https://client.example.test/callback/", HttpStatusCode.BadRequest)] // djoauth2: TestRequestAccessTokenFromAuthorizationCode.test_passed_redirect_uri_does_not_match_registered_uri_and_fails
    public async Task Exchange_RedirectUri_MustRepeatTheAuthorizationRequestsOne(bool sentAtAuthorization, string? sentAtToken, HttpStatusCode expected)
    {
        // Rows 1 and 4 also port TestRequestAccessTokenFromAuthorizationCode.test_no_redirect_uri_passed_defaults_to_registered_and_succeeds
        // and TestRequestAccessTokenFromAuthorizationCode.test_passed_redirect_uri_matches_registered_and_succeeds.
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario, ("redirect_uri", sentAtAuthorization ? scenario.RedirectUri : null));

        var reply = await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, code, ("redirect_uri", sentAtToken)));

        Html.AssertStatus(expected, reply.Response);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal("invalid_grant", reply["error"]);
        }
    }

    [Theory]
    [InlineData(null)]                                              // no verifier for a code with a challenge
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXl")]    // wrong verifier
    [InlineData("short")]
    public async Task Exchange_PkceVerifierMissingOrWrong_IsInvalidGrant(string? verifier)
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);

        AssertInvalidGrant(await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, code, ("code_verifier", verifier))));
    }

    [Fact]
    public async Task Exchange_VerifierForACodeWithoutChallenge_IsInvalidGrant()
    {
        // RFC 9700 §4.8: PKCE downgrade
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario, ("code_challenge", null), ("code_challenge_method", null));

        AssertInvalidGrant(await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, code)));
    }

    [Fact]
    public async Task Exchange_NoPkceAnywhereForConfidentialClient_Succeeds()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario, ("code_challenge", null), ("code_challenge_method", null));

        var reply = await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, code, ("code_verifier", null)));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
    }

    [Fact]
    public async Task Exchange_PublicClientWithPkceAndNoSecret_Succeeds()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory, ClientType.Public);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);

        var reply = await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, code));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.NotNull(reply["refresh_token"]);
    }

    [Fact]
    public async Task Exchange_FailedPkceAttempt_DoesNotSpendTheCode()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);
        await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, code, ("code_verifier", null)));

        Html.AssertStatus(HttpStatusCode.OK, (await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, code))).Response);
    }

    [Fact]
    public async Task Exchange_WrongSecret_RaisesClientAuthenticationFailedWithoutTheSecret()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);

        await TokenEndpoint.TokenAsync(Http, TokenEndpoint.CodeForm(scenario, code, ("client_secret", "not-the-secret")));

        var failure = Assert.Single(_events.Of<ClientAuthenticationFailedEvent>("client-auth-failed"));
        Assert.Equal((scenario.ClientId, "wrong secret"), (failure.ClientId, failure.Failure.Describe()));
        Assert.DoesNotContain("not-the-secret", failure.ToString());
    }

    internal static Dictionary<string, string> RefreshForm(OAuthScenario scenario, string refreshToken, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = scenario.ClientId };
        if (scenario.ClientSecret is not null)
        {
            form["client_secret"] = scenario.ClientSecret;
        }

        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return form;
    }
}
