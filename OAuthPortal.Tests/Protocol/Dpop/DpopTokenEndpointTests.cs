using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Protocol.Token;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Dpop;

/// <summary>RFC 9449 §5 at the token endpoint: a proof binds the new tokens to its key; a bad or replayed proof is refused.</summary>
public sealed class DpopTokenEndpointTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string TokenUrl = "https://localhost/oauth2/token";

    private string Proof(DpopKey key, string url = TokenUrl, string? jti = null) => key.Proof("POST", url, factory.Clock.GetUtcNow(), jti);

    private Task<TokenEndpoint.Reply> ExchangeAsync(OAuthScenario scenario, string code, params string[] proofs) =>
        TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/token", TokenEndpoint.CodeForm(scenario, code), null, proofs);

    private Task<TokenEndpoint.Reply> RefreshAsync(OAuthScenario scenario, string refreshToken, params string[] proofs) =>
        TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/token", AuthorizationCodeGrantTests.RefreshForm(scenario, refreshToken), null, proofs);

    private Task<string?> BoundKeyAsync(string accessToken) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AccessTokens
            .Where(t => t.TokenHash == SecretHasher.Hash(accessToken)).Select(t => t.DpopJkt).SingleAsync());

    private static void AssertInvalidProof(TokenEndpoint.Reply reply)
    {
        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("invalid_dpop_proof", reply["error"]);
    }

    [Fact]
    public async Task Exchange_WithAProof_IssuesADpopTokenBoundToItsKey()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var key = DpopKey.Ec();

        var reply = await ExchangeAsync(scenario, await TokenEndpoint.AuthorizeAsync(scenario), Proof(key));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.Equal("DPoP", reply["token_type"]);
        Assert.Equal(key.Jkt, await BoundKeyAsync(reply["access_token"]!));
    }

    [Fact]
    public async Task Exchange_WithoutAProof_IssuesABearerToken()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var reply = await ExchangeAsync(scenario, await TokenEndpoint.AuthorizeAsync(scenario));

        Assert.Equal("Bearer", reply["token_type"]);
        Assert.Null(await BoundKeyAsync(reply["access_token"]!));
    }

    [Fact]
    public async Task Exchange_ReplayedProof_IsInvalidAndTheCodeIsNotSpent()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var key = DpopKey.Ec();
        var proof = Proof(key);
        var first = await ExchangeAsync(scenario, await TokenEndpoint.AuthorizeAsync(scenario), proof);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);

        var replayed = await ExchangeAsync(scenario, code, proof);
        var fresh = await ExchangeAsync(scenario, code, Proof(key));

        Html.AssertStatus(HttpStatusCode.OK, first.Response);
        AssertInvalidProof(replayed);
        Html.AssertStatus(HttpStatusCode.OK, fresh.Response);
    }

    [Theory]
    [InlineData("https://localhost/oauth2/revoke")]
    [InlineData("https://elsewhere.example/oauth2/token")]
    public async Task Exchange_ProofForAnotherUrl_IsInvalid(string htu)
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        AssertInvalidProof(await ExchangeAsync(scenario, await TokenEndpoint.AuthorizeAsync(scenario), Proof(DpopKey.Ec(), htu)));
    }

    [Fact]
    public async Task Exchange_TwoProofs_IsInvalid()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var key = DpopKey.Ec();

        AssertInvalidProof(await ExchangeAsync(scenario, await TokenEndpoint.AuthorizeAsync(scenario), Proof(key), Proof(key)));
    }

    [Fact]
    public async Task Exchange_ClientThatRequiresDpopWithoutAProof_IsInvalid()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        await TestClients.RequireDpopAsync(factory, scenario.ClientId);

        var reply = await ExchangeAsync(scenario, await TokenEndpoint.AuthorizeAsync(scenario));

        AssertInvalidProof(reply);
        Assert.Contains("DPoP-bound", reply["error_description"]);
    }

    [Fact]
    public async Task Refresh_PublicClientWithAnotherKey_IsInvalidGrantAndWithItsKeyWorks()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, ClientType.Public);
        var key = DpopKey.Ec();
        var tokens = await ExchangeAsync(scenario, await TokenEndpoint.AuthorizeAsync(scenario), Proof(key));

        var otherKey = await RefreshAsync(scenario, tokens["refresh_token"]!, Proof(DpopKey.Ec()));
        var noProof = await RefreshAsync(scenario, tokens["refresh_token"]!);
        var sameKey = await RefreshAsync(scenario, tokens["refresh_token"]!, Proof(key));

        Assert.Equal("invalid_grant", otherKey["error"]);
        Assert.Equal("invalid_grant", noProof["error"]);
        Html.AssertStatus(HttpStatusCode.OK, sameKey.Response);
        Assert.Equal(key.Jkt, await BoundKeyAsync(sameKey["access_token"]!));
    }

    [Fact]
    public async Task Refresh_ConfidentialClientWithANewKey_BindsTheNewTokenToIt()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var tokens = await ExchangeAsync(scenario, await TokenEndpoint.AuthorizeAsync(scenario), Proof(DpopKey.Ec()));
        var newKey = DpopKey.Rsa();

        var refreshed = await RefreshAsync(scenario, tokens["refresh_token"]!, Proof(newKey));

        Html.AssertStatus(HttpStatusCode.OK, refreshed.Response);
        Assert.Equal(newKey.Jkt, await BoundKeyAsync(refreshed["access_token"]!));
    }

    [Fact]
    public async Task Introspect_DpopToken_HasTokenTypeDpopAndCnfJkt()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var key = DpopKey.Ec();
        var tokens = await ExchangeAsync(scenario, await TokenEndpoint.AuthorizeAsync(scenario), Proof(key));

        var reply = await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/introspect",
            new Dictionary<string, string> { ["token"] = tokens["access_token"]! }, TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!));

        Assert.Equal("DPoP", reply["token_type"]);
        Assert.Equal(key.Jkt, reply.Json.GetProperty("cnf").GetProperty("jkt").GetString());
    }
}
