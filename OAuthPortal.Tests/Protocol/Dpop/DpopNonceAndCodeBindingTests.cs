using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Dpop;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Dpop;

/// <summary>A portal with OAuth:Dpop:RequireNonce on (a class fixture of its own).</summary>
public sealed class NonceRequiredPortal : IDisposable
{
    public PortalFactory Factory { get; } = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:Dpop:RequireNonce"] = "true" });

    public void Dispose() => Factory.Dispose();
}

/// <summary>
/// RFC 9449 §§8, 9: server nonces at the token endpoint and at a resource (asked for with use_dpop_nonce and a
/// DPoP-Nonce header, then accepted while current); §10: dpop_jkt, or a proof sent to PAR, binds the code to a key.
/// </summary>
public sealed class DpopNonceAndCodeBindingTests(PortalFactory factory, NonceRequiredPortal noncePortal)
    : IClassFixture<PortalFactory>, IClassFixture<NonceRequiredPortal>
{
    private const string TokenUrl = "https://localhost/oauth2/token";
    private const string MeUrl = "https://localhost/api/me";

    private static string Nonce(HttpResponseMessage response) => Assert.Single(response.Headers.GetValues(DpopNonces.HeaderName));

    private static Task<TokenEndpoint.Reply> ExchangeAsync(PortalFactory portal, OAuthScenario scenario, string code, params string[] proofs) =>
        TokenEndpoint.PostAsync(portal.CreateClient(), "/oauth2/token", TokenEndpoint.CodeForm(scenario, code), null, proofs);

    private static string Proof(PortalFactory portal, DpopKey key, string? nonce = null) =>
        key.Proof("POST", TokenUrl, portal.Clock.GetUtcNow(), nonce: nonce);

    [Fact]
    public async Task Token_NonceRequiredProofWithout_AsksForOneAndAcceptsItThen()
    {
        var portal = noncePortal.Factory;
        var scenario = await OAuthScenario.CreateAsync(portal);
        var key = DpopKey.Ec();
        var code = await TokenEndpoint.AuthorizeAsync(scenario);

        var asked = await ExchangeAsync(portal, scenario, code, Proof(portal, key));
        var answered = await ExchangeAsync(portal, scenario, code, Proof(portal, key, Nonce(asked.Response)));

        Html.AssertStatus(HttpStatusCode.BadRequest, asked.Response);
        Assert.Equal("use_dpop_nonce", asked["error"]);
        Html.AssertStatus(HttpStatusCode.OK, answered.Response);
        Assert.Equal("DPoP", answered["token_type"]);
    }

    [Fact]
    public async Task Token_NonceOlderThanItsLifetime_IsAskedForAgain()
    {
        var portal = noncePortal.Factory;
        var scenario = await OAuthScenario.CreateAsync(portal);
        var key = DpopKey.Ec();
        var code = await TokenEndpoint.AuthorizeAsync(scenario);
        var nonce = Nonce((await ExchangeAsync(portal, scenario, code, Proof(portal, key))).Response);
        portal.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(2));

        var stale = await ExchangeAsync(portal, scenario, code, Proof(portal, key, nonce));

        Assert.Equal("use_dpop_nonce", stale["error"]);
        Assert.NotEqual(nonce, Nonce(stale.Response));
    }

    [Fact]
    public async Task Me_NonceRequiredProofWithout_Is401UseDpopNonceWithANonceThatThenWorks()
    {
        var portal = noncePortal.Factory;
        var scenario = await OAuthScenario.CreateAsync(portal, sharedScopes: ["profile"]);
        var key = DpopKey.Ec();
        var code = await TokenEndpoint.AuthorizeAsync(scenario);
        var first = await ExchangeAsync(portal, scenario, code, Proof(portal, key));
        var token = (await ExchangeAsync(portal, scenario, code, Proof(portal, key, Nonce(first.Response))))["access_token"]!;

        Task<HttpResponseMessage> MeAsync(string? nonce)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token);
            request.Headers.Add("DPoP", key.Proof("GET", MeUrl, portal.Clock.GetUtcNow(), accessTokenHash: DpopProofValidator.AccessTokenHash(token), nonce: nonce));
            return portal.CreateClient().SendAsync(request);
        }

        var asked = await MeAsync(null);
        var answered = await MeAsync(Nonce(asked));

        Html.AssertStatus(HttpStatusCode.Unauthorized, asked);
        var challenge = ApiCalls.Challenge(asked);
        Assert.StartsWith("DPoP ", challenge);
        Assert.Contains("error=\"use_dpop_nonce\"", challenge);
        Html.AssertStatus(HttpStatusCode.OK, answered);
    }

    [Fact]
    public async Task Exchange_CodeBoundByDpopJkt_OnlyAProofOfThatKeyRedeemsIt()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var key = DpopKey.Ec();
        var code = await TokenEndpoint.AuthorizeAsync(scenario, ("dpop_jkt", key.Jkt));

        var withoutProof = await ExchangeAsync(factory, scenario, code);
        var otherKey = await ExchangeAsync(factory, scenario, code, Proof(factory, DpopKey.Ec()));
        var boundKey = await ExchangeAsync(factory, scenario, code, Proof(factory, key));

        Assert.Equal("invalid_grant", withoutProof["error"]);
        Assert.Equal("invalid_grant", otherKey["error"]);
        Html.AssertStatus(HttpStatusCode.OK, boundKey.Response);
        Assert.Equal("DPoP", boundKey["token_type"]);
    }

    [Theory]
    [InlineData("too-short")]
    [InlineData("0123456789012345678901234567890123456789+/=")]
    public async Task Authorize_MalformedDpopJkt_IsInvalidRequest(string jkt)
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var query = OAuthAssert.RedirectsTo(await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("dpop_jkt", jkt))), scenario.RedirectUri);

        Assert.Equal("invalid_request", query["error"]);
        Assert.Contains("dpop_jkt", query["error_description"].ToString());
    }

    [Fact]
    public async Task Par_WithAProof_BindsTheCodeToItsKey()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var key = DpopKey.Ec();
        var form = scenario.Parameters(("client_secret", scenario.ClientSecret!));
        var pushed = await TokenEndpoint.PostAsync(factory.CreateClient(), PushedRequests.Path, form, null,
            key.Proof("POST", "https://localhost" + PushedRequests.Path, factory.Clock.GetUtcNow()));
        Html.AssertStatus(HttpStatusCode.Created, pushed.Response);
        var response = await Consent.AcceptAsync(scenario.Browser, PushedRequests.AuthorizeUrl(scenario.ClientId, pushed["request_uri"]!));
        var code = OAuthAssert.RedirectsTo(response, scenario.RedirectUri, HttpStatusCode.SeeOther)["code"];

        var otherKey = await ExchangeAsync(factory, scenario, code, Proof(factory, DpopKey.Ec()));
        var boundKey = await ExchangeAsync(factory, scenario, code, Proof(factory, key));

        Assert.Equal(key.Jkt, await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuthorizationCodes
            .Where(c => c.ClientId == scenario.ClientId).Select(c => c.DpopJkt).SingleAsync()));
        Assert.Equal("invalid_grant", otherKey["error"]);
        Html.AssertStatus(HttpStatusCode.OK, boundKey.Response);
    }

    [Fact]
    public async Task Par_ProofAndDpopJktOfAnotherKey_IsInvalidDpopProofAndNothingIsStored()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var form = scenario.Parameters(("client_secret", scenario.ClientSecret!), ("dpop_jkt", DpopKey.Ec().Jkt));

        var reply = await TokenEndpoint.PostAsync(factory.CreateClient(), PushedRequests.Path, form, null,
            DpopKey.Ec().Proof("POST", "https://localhost" + PushedRequests.Path, factory.Clock.GetUtcNow()));

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("invalid_dpop_proof", reply["error"]);
        Assert.Equal(0, await PushedRequests.CountAsync(factory, scenario.ClientId));
    }

    [Fact]
    public async Task Par_ClientAssertion_IsNotStoredWithThePushedParameters()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var key = KeyClients.Ec();
        await KeyClients.UseKeysAsync(factory, scenario.ClientId, KeyClients.JwkSet(key));
        var form = scenario.Parameters();
        form["client_assertion_type"] = KeyClients.AssertionType;
        form["client_assertion"] = KeyClients.Assertion(factory, key, scenario.ClientId);

        var reply = await TokenEndpoint.PostAsync(factory.CreateClient(), PushedRequests.Path, form);

        Html.AssertStatus(HttpStatusCode.Created, reply.Response);
        var stored = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().PushedAuthorizationRequests
            .Where(r => r.ClientId == scenario.ClientId).Select(r => r.Parameters).SingleAsync());
        Assert.DoesNotContain("client_assertion", stored);
    }
}
