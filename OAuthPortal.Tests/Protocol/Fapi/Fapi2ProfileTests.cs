using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Fapi;

/// <summary>
/// A client switched to the FAPI 2.0 Security Profile (§5.3.2): pushed requests, PKCE S256, DPoP, private_key_jwt and no
/// secret, the iss response parameter and codes of at most 60 s are imposed on it, whatever else it is registered with.
/// </summary>
public sealed class Fapi2ProfileTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string TokenUrl = "https://localhost/oauth2/token";

    /// <summary>A confidential client on the profile; with <paramref name="withKeys"/> also a private_key_jwt client without a secret.</summary>
    private Task<(OAuthScenario Scenario, KeyClients.ClientKey Key)> FapiClientAsync(bool withKeys = true) => FapiClientAsync(factory, withKeys);

    private static async Task<(OAuthScenario Scenario, KeyClients.ClientKey Key)> FapiClientAsync(PortalFactory factory, bool withKeys = true)
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var key = KeyClients.Ec();
        await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == scenario.ClientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Profile, ClientProfile.Fapi2)));
        if (withKeys)
        {
            await KeyClients.UseKeysAsync(factory, scenario.ClientId, KeyClients.JwkSet(key));
        }

        return (scenario, key);
    }

    private Task<TokenEndpoint.Reply> PushAsync(OAuthScenario scenario, KeyClients.ClientKey key, params (string Name, string? Value)[] overrides) =>
        PushAsync(factory, scenario, key, overrides);

    private static Task<TokenEndpoint.Reply> PushAsync(
        PortalFactory factory, OAuthScenario scenario, KeyClients.ClientKey key, params (string Name, string? Value)[] overrides)
    {
        var form = scenario.Parameters([("redirect_uri", scenario.RedirectUri), .. overrides]);
        form["client_assertion_type"] = KeyClients.AssertionType;
        form["client_assertion"] = KeyClients.Assertion(factory, key, scenario.ClientId);
        return TokenEndpoint.PostAsync(factory.CreateClient(), PushedRequests.Path, form);
    }

    private async Task<string> AuthorizeAsync(OAuthScenario scenario, KeyClients.ClientKey key)
    {
        var pushed = await PushAsync(scenario, key);
        Html.AssertStatus(HttpStatusCode.Created, pushed.Response);
        var response = await Consent.AcceptAsync(scenario.Browser, PushedRequests.AuthorizeUrl(scenario.ClientId, pushed["request_uri"]!));
        var query = OAuthAssert.RedirectsTo(response, scenario.RedirectUri, HttpStatusCode.SeeOther);
        Assert.Equal("https://localhost", query["iss"]);
        return query["code"];
    }

    private Task<TokenEndpoint.Reply> TokenAsync(OAuthScenario scenario, KeyClients.ClientKey key, Dictionary<string, string> grant, DpopKey? dpop)
    {
        var form = KeyClients.Form(KeyClients.Assertion(factory, key, scenario.ClientId), [.. grant.Select(p => (p.Key, p.Value))]);
        return TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/token", form, null,
            dpop is null ? [] : [dpop.Proof("POST", TokenUrl, factory.Clock.GetUtcNow())]);
    }

    private static Dictionary<string, string> CodeGrant(string code) => new()
    {
        ["grant_type"] = "authorization_code", ["code"] = code, ["code_verifier"] = OAuthScenario.Verifier,
        ["redirect_uri"] = "https://client.example.test/callback",
    };

    [Fact]
    public async Task Flow_Fapi2ClientWithPushPkceDpopAndAssertion_GetsDpopTokensAndRefreshesThem()
    {
        var (scenario, key) = await FapiClientAsync();
        var dpop = DpopKey.Ec();

        var tokens = await TokenAsync(scenario, key, CodeGrant(await AuthorizeAsync(scenario, key)), dpop);
        var refreshed = await TokenAsync(scenario, key, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens["refresh_token"]! }, dpop);
        var replayed = await TokenAsync(scenario, key, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens["refresh_token"]! }, dpop);

        Html.AssertStatus(HttpStatusCode.OK, tokens.Response);
        Assert.Equal("DPoP", tokens["token_type"]);
        Html.AssertStatus(HttpStatusCode.OK, refreshed.Response);
        Assert.Equal("DPoP", refreshed["token_type"]);
        Assert.NotEqual(tokens["refresh_token"], refreshed["refresh_token"]);
        Assert.Equal("invalid_grant", replayed["error"]);
    }

    [Fact]
    public async Task Authorize_Fapi2ClientPlainRequest_IsRefusedWithInvalidRequest()
    {
        var (scenario, _) = await FapiClientAsync();

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());

        var query = OAuthAssert.RedirectsTo(response, scenario.RedirectUri);
        Assert.Equal("invalid_request", query["error"]);
        Assert.Contains("push", query["error_description"].ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("plain")]
    public async Task Par_Fapi2ClientWithoutS256Pkce_IsInvalidRequest(string? method)
    {
        var (scenario, key) = await FapiClientAsync();

        var reply = method is null
            ? await PushAsync(scenario, key, ("code_challenge", null), ("code_challenge_method", null))
            : await PushAsync(scenario, key, ("code_challenge", OAuthScenario.Verifier), ("code_challenge_method", method));

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("invalid_request", reply["error"]);
        Assert.Contains("code_challenge", reply["error_description"]);
    }

    [Fact]
    public async Task Par_Fapi2ClientWithoutRedirectUri_IsInvalidRequestAndNothingIsStored()
    {
        var (scenario, key) = await FapiClientAsync();

        var reply = await PushAsync(scenario, key, ("redirect_uri", null));

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("invalid_request", reply["error"]);
        Assert.Contains("redirect_uri", reply["error_description"]);
        Assert.Equal(0, await PushedRequests.CountAsync(factory, scenario.ClientId));
    }

    [Fact]
    public async Task Par_Fapi2ClientWhenPushedRequestsLiveTenMinutes_ExpiresInLessThan600Seconds()
    {
        using var portal = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:PushedRequestLifetime"] = "00:10:00" });
        var (scenario, key) = await FapiClientAsync(portal);
        var other = await OAuthScenario.CreateAsync(portal);

        var fapi = await PushAsync(portal, scenario, key);
        var plain = await PushedRequests.PushAsync(other);

        Assert.Equal("599", fapi["expires_in"]);
        Assert.Equal("600", plain["expires_in"]);
    }

    [Fact]
    public async Task Par_Fapi2ClientAuthenticatingWithItsSecret_IsInvalidClient()
    {
        var (scenario, _) = await FapiClientAsync(withKeys: false);

        var reply = await PushedRequests.PushAsync(scenario);
        var basic = await TokenEndpoint.PostAsync(factory.CreateClient(), PushedRequests.Path,
            scenario.Parameters(), TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!));

        Html.AssertStatus(HttpStatusCode.Unauthorized, reply.Response);
        Assert.Equal("invalid_client", reply["error"]);
        Assert.Equal("invalid_client", basic["error"]);
    }

    [Fact]
    public async Task Token_Fapi2ClientWithoutDpopProof_IsInvalidDpopProofAndTheCodeStillWorks()
    {
        var (scenario, key) = await FapiClientAsync();
        var code = await AuthorizeAsync(scenario, key);

        var bearer = await TokenAsync(scenario, key, CodeGrant(code), dpop: null);
        var bound = await TokenAsync(scenario, key, CodeGrant(code), DpopKey.Ec());

        Html.AssertStatus(HttpStatusCode.BadRequest, bearer.Response);
        Assert.Equal("invalid_dpop_proof", bearer["error"]);
        Html.AssertStatus(HttpStatusCode.OK, bound.Response);
    }

    [Fact]
    public async Task Token_Fapi2CodeAfterSixtySeconds_IsInvalidGrant()
    {
        var (scenario, key) = await FapiClientAsync();
        var code = await AuthorizeAsync(scenario, key);
        var expiresAt = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuthorizationCodes
            .Where(c => c.ClientId == scenario.ClientId).Select(c => c.ExpiresAt - c.CreatedAt).SingleAsync());
        factory.Clock.Advance(TimeSpan.FromSeconds(61));

        var reply = await TokenAsync(scenario, key, CodeGrant(code), DpopKey.Ec());

        Assert.Equal(TimeSpan.FromSeconds(60), expiresAt);
        Assert.Equal("invalid_grant", reply["error"]);
    }

    [Fact]
    public async Task Token_Fapi2ClientRs256AssertionOrRs256Proof_IsRefused()
    {
        var (scenario, key) = await FapiClientAsync();
        var rsaKey = KeyClients.Rsa();
        await KeyClients.UseKeysAsync(factory, scenario.ClientId, KeyClients.JwkSet(key, rsaKey));
        var code = await AuthorizeAsync(scenario, key);

        var rs256Assertion = await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/token",
            KeyClients.Form(KeyClients.Assertion(factory, rsaKey, scenario.ClientId), [.. CodeGrant(code).Select(p => (p.Key, p.Value))]), null,
            DpopKey.Ec().Proof("POST", TokenUrl, factory.Clock.GetUtcNow()));
        var rs256Proof = await TokenAsync(scenario, key, CodeGrant(code), DpopKey.Rsa());
        var ps256Proof = await TokenAsync(scenario, key, CodeGrant(code), DpopKey.Rsa("PS256"));

        Assert.Equal("invalid_client", rs256Assertion["error"]);
        Assert.Equal("invalid_dpop_proof", rs256Proof["error"]);
        Assert.Contains("RS256", rs256Proof["error_description"]);
        Html.AssertStatus(HttpStatusCode.OK, ps256Proof.Response);
    }

    [Fact]
    public async Task Token_Fapi2ClientRegisteredForRs256IdTokens_GetsEs256IdTokens()
    {
        var (scenario, key) = await FapiClientAsync();
        await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == scenario.ClientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.IdTokenSignedResponseAlg, "RS256")));
        var pushed = await PushAsync(scenario, key, ("scope", "openid " + string.Join(' ', scenario.Scopes)), ("nonce", "n-1"));
        var response = await Consent.AcceptAsync(scenario.Browser, PushedRequests.AuthorizeUrl(scenario.ClientId, pushed["request_uri"]!));
        var code = OAuthAssert.RedirectsTo(response, scenario.RedirectUri, HttpStatusCode.SeeOther)["code"];

        var tokens = await TokenAsync(scenario, key, CodeGrant(code), DpopKey.Ec());

        Assert.Equal("ES256", new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens["id_token"]!).Alg);
    }

    [Fact]
    public async Task Par_NoncesRequiredAndAPrivateKeyJwtClient_RetryingTheSameRequestWithTheNonceWorks()
    {
        using var portal = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:Dpop:RequireNonce"] = "true" });
        var (scenario, key) = await FapiClientAsync(portal);
        var dpop = DpopKey.Ec();
        var form = scenario.Parameters(("redirect_uri", scenario.RedirectUri));
        form["client_assertion_type"] = KeyClients.AssertionType;
        form["client_assertion"] = KeyClients.Assertion(portal, key, scenario.ClientId);
        var parUrl = "https://localhost" + PushedRequests.Path;

        var asked = await TokenEndpoint.PostAsync(portal.CreateClient(), PushedRequests.Path, form, null, dpop.Proof("POST", parUrl, portal.Clock.GetUtcNow()));
        var nonce = Assert.Single(asked.Response.Headers.GetValues("DPoP-Nonce"));
        var retried = await TokenEndpoint.PostAsync(portal.CreateClient(), PushedRequests.Path, form, null,
            dpop.Proof("POST", parUrl, portal.Clock.GetUtcNow(), nonce: nonce));

        Assert.Equal("use_dpop_nonce", asked["error"]);
        Html.AssertStatus(HttpStatusCode.Created, retried.Response);
        Assert.Single(retried.Response.Headers.GetValues("DPoP-Nonce"));
    }

    [Fact]
    public async Task Token_ClientOffTheProfile_KeepsTheConfiguredCodeLifetime()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        await TokenEndpoint.AuthorizeAsync(scenario);

        var lifetime = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuthorizationCodes
            .Where(c => c.ClientId == scenario.ClientId).Select(c => c.ExpiresAt - c.CreatedAt).SingleAsync());

        Assert.Equal(TimeSpan.FromMinutes(10), lifetime);
    }
}
