using System.Net;
using System.Net.Http.Headers;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.Tests.Support;
using TokenResponse = Duende.IdentityModel.Client.TokenResponse;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// A DPoP-bound client (RFC 9449) built from parts a .NET developer has: Duende.IdentityModel for the protocol requests
/// and <see cref="DpopClientHandler"/> (proofs made with Microsoft.IdentityModel.JsonWebTokens) in the HttpClient
/// pipeline, against the real portal on Kestrel: authorization with PKCE, the code exchange, both APIs with the DPoP
/// token, refresh, and the APIs again. IdentityModel is not told about DPoP at all; the handler adds the proofs.
/// </summary>
public sealed class IdentityModelDpopTests
{
    /// <summary>Never opened: the browser stops at the redirect, which carries the code.</summary>
    private const string RedirectUri = "http://127.0.0.1:8765/callback";

    /// <summary>profile for /api/me, openid for UserInfo, offline_access for the refresh token.</summary>
    private const string Scopes = "openid profile offline_access";

    [Theory]
    [InlineData(ClientType.Public)]
    [InlineData(ClientType.Confidential)]
    public async Task IdentityModelDpop_CodeFlowThenRefresh_IssuesDpopTokensTheApisAcceptWithProofs(ClientType type)
    {
        using var portal = KestrelPortal.Start();
        using var app = await DpopApp.StartAsync(portal, type);

        var tokens = await app.ObtainTokensAsync();

        Assert.Equal(OidcConstants.TokenResponse.DPoPTokenType, tokens.TokenType);
        Html.AssertStatus(HttpStatusCode.OK, await app.CallAsync("/api/me", tokens.AccessToken!));
        Html.AssertStatus(HttpStatusCode.OK, await app.CallAsync("/oauth2/userinfo", tokens.AccessToken!));

        var refreshed = await app.RefreshAsync(tokens.RefreshToken!);

        Assert.False(refreshed.IsError, $"{refreshed.ErrorType}: {refreshed.Error} {refreshed.ErrorDescription}");
        Assert.Equal(OidcConstants.TokenResponse.DPoPTokenType, refreshed.TokenType);
        Assert.NotEqual(tokens.RefreshToken, refreshed.RefreshToken);
        var me = await app.CallAsync("/api/me", refreshed.AccessToken!);
        Html.AssertStatus(HttpStatusCode.OK, me);
        Assert.Contains($"\"email\":\"{app.User.Email}\"", await me.Content.ReadAsStringAsync());
        Html.AssertStatus(HttpStatusCode.OK, await app.CallAsync("/oauth2/userinfo", refreshed.AccessToken!));
        Html.AssertStatus(HttpStatusCode.Unauthorized, await app.CallAsync("/api/me", tokens.AccessToken!)); // rotated out

        // Every request carried its own proof (token, API, UserInfo, refresh, API, UserInfo, API), none needed a retry.
        Assert.Equal(7, app.Handler.SentProofs.Count);
        Assert.Equal(7, app.Handler.SentProofs.Select(p => new JsonWebToken(p).Id).Distinct().Count());
        Assert.Equal(0, app.Handler.NonceRetries);
    }

    [Fact]
    public async Task IdentityModelDpop_PublicClientRefreshWithAnotherKey_IsInvalidGrantAndTheTokenStillWorksWithItsKey()
    {
        using var portal = KestrelPortal.Start();
        using var app = await DpopApp.StartAsync(portal, ClientType.Public);
        var tokens = await app.ObtainTokensAsync();
        using var thief = new HttpClient(new DpopClientHandler(DpopKey.Ec(), portal.Factory.Clock));

        var stolen = await thief.RequestRefreshTokenAsync(app.RefreshRequest(tokens.RefreshToken!));

        // RFC 9449 §5: a public client's refresh token is bound to the key of the proof it was issued with.
        Assert.True(stolen.IsError);
        Assert.Equal(ResponseErrorType.Protocol, stolen.ErrorType);
        Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, stolen.Error);
        Assert.Null(stolen.AccessToken);
        var refreshed = await app.RefreshAsync(tokens.RefreshToken!);
        Assert.False(refreshed.IsError, $"{refreshed.ErrorType}: {refreshed.Error} {refreshed.ErrorDescription}");
    }

    [Fact]
    public async Task IdentityModelDpop_AccessTokenWithAnotherKeysProof_IsRefusedWithADpopChallenge()
    {
        using var portal = KestrelPortal.Start();
        using var app = await DpopApp.StartAsync(portal, ClientType.Confidential);
        var tokens = await app.ObtainTokensAsync();
        using var thief = new HttpClient(new DpopClientHandler(DpopKey.Ec(), portal.Factory.Clock));

        var me = await thief.SendAsync(DpopApp.ApiRequest(portal.Origin + "/api/me", tokens.AccessToken!));

        Html.AssertStatus(HttpStatusCode.Unauthorized, me);
        Assert.Contains(me.Headers.WwwAuthenticate, c => c.Scheme == "DPoP" && c.Parameter!.Contains("error=\"invalid_token\"", StringComparison.Ordinal));
        Html.AssertStatus(HttpStatusCode.OK, await app.CallAsync("/api/me", tokens.AccessToken!));
    }

    /// <summary>
    /// One test's set-up: a user, a DPoP-bound client of the given type (<see cref="TestClients.RequireDpopAsync"/>)
    /// with the loopback redirect URI, the metadata read by IdentityModel, and an HttpClient whose pipeline is
    /// <see cref="DpopClientHandler"/> with a new ES256 key, on the portal's clock.
    /// </summary>
    private sealed record DpopApp(KestrelPortal Portal, DpopClientHandler Handler, HttpClient Http, DiscoveryDocumentResponse Disco, PortalUser User, RegisteredClient Client)
        : IDisposable
    {
        public static async Task<DpopApp> StartAsync(KestrelPortal portal, ClientType type)
        {
            var user = await ThirdPartySetup.UserAndScopeAsync(portal);
            var developer = await TestUsers.CreateAsync(portal.Factory);
            var client = await TestClients.RegisterAsync(portal.Factory, developer.Id, type, RedirectUri);
            await TestClients.RequireDpopAsync(portal.Factory, client.ClientId);
            using var plain = portal.CreateHttpClient();
            var disco = await ThirdPartySetup.DiscoverAsync(plain, portal);
            Assert.Contains("ES256", disco.DPoPSigningAlgorithmsSupported);
            var handler = new DpopClientHandler(DpopKey.Ec(), portal.Factory.Clock);
            return new DpopApp(portal, handler, new HttpClient(handler), disco, user, client);
        }

        public async Task<TokenResponse> ObtainTokensAsync()
        {
            var verifier = CryptoRandom.CreateUniqueId(32);
            var state = CryptoRandom.CreateUniqueId(16);
            var url = new RequestUrl(Disco.AuthorizeEndpoint!).CreateAuthorizeUrl(
                clientId: Client.ClientId, responseType: OidcConstants.ResponseTypes.Code, scope: Scopes, redirectUri: RedirectUri, state: state,
                codeChallenge: ThirdPartySetup.S256(verifier), codeChallengeMethod: OidcConstants.CodeChallengeMethods.Sha256);
            var authorization = await ThirdPartySetup.ApproveAsync(Portal, User, url, RedirectUri);
            Assert.Equal(state, authorization.State);

            var tokens = await Http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
            {
                Address = Disco.TokenEndpoint,
                ClientId = Client.ClientId,
                ClientSecret = Client.ClientSecret, // null for the public client: IdentityModel then sends client_id in the body
                Code = authorization.Code!,
                RedirectUri = RedirectUri,
                CodeVerifier = verifier,
            });
            Assert.False(tokens.IsError, $"{tokens.ErrorType}: {tokens.Error} {tokens.ErrorDescription}");
            return tokens;
        }

        public RefreshTokenRequest RefreshRequest(string refreshToken) => new()
        {
            Address = Disco.TokenEndpoint,
            ClientId = Client.ClientId,
            ClientSecret = Client.ClientSecret,
            RefreshToken = refreshToken,
        };

        public Task<TokenResponse> RefreshAsync(string refreshToken) => Http.RequestRefreshTokenAsync(RefreshRequest(refreshToken));

        /// <summary>RFC 9449 §7.1: <c>Authorization: DPoP token</c>; the handler adds the proof with <c>ath</c>.</summary>
        public static HttpRequestMessage ApiRequest(string url, string accessToken) =>
            new(HttpMethod.Get, url) { Headers = { Authorization = new AuthenticationHeaderValue("DPoP", accessToken) } };

        public Task<HttpResponseMessage> CallAsync(string path, string accessToken) => Http.SendAsync(ApiRequest(Portal.Origin + path, accessToken));

        public void Dispose() => Http.Dispose();
    }

    /// <summary>
    /// RFC 9449 §§8, 9 with <c>OAuth:Dpop:RequireNonce=true</c>: the token endpoint answers the first proof with 400
    /// <c>use_dpop_nonce</c> and a <c>DPoP-Nonce</c> header, the resources with 401 and a DPoP challenge saying
    /// <c>error="use_dpop_nonce"</c>; the handler retries once with the nonce, and IdentityModel sees only the success.
    /// </summary>
    [Fact]
    public async Task IdentityModelDpop_ServerRequiresNonces_TheHandlerRetriesWithTheNonceAndTheFlowCompletes()
    {
        using var portal = KestrelPortal.Start(new Dictionary<string, string?> { ["OAuth:Dpop:RequireNonce"] = "true" });
        using var app = await DpopApp.StartAsync(portal, ClientType.Public);

        var tokens = await app.ObtainTokensAsync();

        Assert.Equal(OidcConstants.TokenResponse.DPoPTokenType, tokens.TokenType);
        Assert.NotNull(app.Handler.NonceFor(new Uri(app.Disco.TokenEndpoint!)));
        Html.AssertStatus(HttpStatusCode.OK, await app.CallAsync("/api/me", tokens.AccessToken!));
        Html.AssertStatus(HttpStatusCode.OK, await app.CallAsync("/oauth2/userinfo", tokens.AccessToken!));
        var refreshed = await app.RefreshAsync(tokens.RefreshToken!);
        Assert.False(refreshed.IsError, $"{refreshed.ErrorType}: {refreshed.Error} {refreshed.ErrorDescription}");
        Assert.Equal(OidcConstants.TokenResponse.DPoPTokenType, refreshed.TokenType);
        Html.AssertStatus(HttpStatusCode.OK, await app.CallAsync("/api/me", refreshed.AccessToken!));

        // The first proof had no nonce and was refused for it; every proof after it carried the nonce last sent.
        Assert.True(app.Handler.NonceRetries >= 1);
        Assert.False(new JsonWebToken(app.Handler.SentProofs[0]).TryGetPayloadValue<string>("nonce", out _));
        Assert.All(app.Handler.SentProofs.Skip(1), proof => Assert.True(new JsonWebToken(proof).TryGetPayloadValue<string>("nonce", out _)));
    }
}
