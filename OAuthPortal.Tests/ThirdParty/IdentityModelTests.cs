using System.Net;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Token;
using OAuthPortal.Tests.Support;
using TokenResponse = Duende.IdentityModel.Client.TokenResponse;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// Duende.IdentityModel, a widely used OAuth client library, against the real portal on Kestrel: discovery (RFC 8414),
/// the code exchange with PKCE, refresh with rotation, revocation (RFC 7009) and introspection (RFC 7662). The user's
/// part (sign-in, consent) is driven over HTTP; every protocol request is the library's.
/// </summary>
public sealed class IdentityModelTests
{
    /// <summary>Never opened: the browser stops at the redirect, which carries the code.</summary>
    private const string RedirectUri = "http://127.0.0.1:8765/callback";

    [Fact]
    public async Task IdentityModelDiscovery_DefaultPolicyOnLoopback_AcceptsMetadataWithEveryEndpoint()
    {
        using var portal = KestrelPortal.Start();
        using var http = portal.CreateHttpClient();

        // The library's default policy (https, except on loopback; issuer equals authority; endpoints under it); the
        // portal publishes no jwks_uri (opaque tokens), so only the key set requirement is relaxed.
        var disco = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
        {
            Address = portal.Origin,
            Policy = new DiscoveryPolicy
            {
                DiscoveryDocumentPath = AuthorizationServerMetadata.WellKnownPath,
                RequireKeySet = false,
            },
        });

        Assert.False(disco.IsError, $"{disco.ErrorType}: {disco.Error}");
        Assert.Equal(portal.Origin, disco.Issuer);
        Assert.Equal(portal.Origin + "/oauth2/authorize", disco.AuthorizeEndpoint);
        Assert.Equal(portal.Origin + "/oauth2/token", disco.TokenEndpoint);
        Assert.Equal(portal.Origin + "/oauth2/revoke", disco.RevocationEndpoint);
        Assert.Equal(portal.Origin + "/oauth2/introspect", disco.IntrospectionEndpoint);
        Assert.Contains("S256", disco.CodeChallengeMethodsSupported);
        Assert.Equal(["S256"], disco.TryGetStringArray("code_challenge_methods_supported"));
        Assert.Equal(["code"], disco.ResponseTypesSupported);
        Assert.Equal(["authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code"], disco.GrantTypesSupported);
        Assert.Equal(portal.Origin + "/oauth2/device_authorization", disco.DeviceAuthorizationEndpoint);
        Assert.Contains("client_secret_basic", disco.TokenEndpointAuthenticationMethodsSupported);
        Assert.Contains("client_secret_post", disco.TokenEndpointAuthenticationMethodsSupported);
        Assert.True(disco.AuthorizationResponseIssParameterSupported);
    }

    [Fact]
    public async Task IdentityModelCodeExchange_WithPkceVerifier_IssuesBearerTokensTheApiAccepts()
    {
        using var portal = KestrelPortal.Start();
        using var session = await Session.StartAsync(portal);

        var tokens = await session.ObtainTokensAsync();

        Assert.False(tokens.IsError, $"{tokens.ErrorType}: {tokens.Error} {tokens.ErrorDescription}");
        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        Assert.Equal(OidcConstants.TokenResponse.BearerTokenType, tokens.TokenType);
        Assert.Equal(3600, tokens.ExpiresIn);
        Assert.Equal(ThirdPartySetup.Scope, tokens.Scope);
        Assert.Equal("no-store", tokens.HttpResponse!.Headers.CacheControl?.ToString());

        var me = await session.CallApiAsync(tokens.AccessToken!);
        Html.AssertStatus(HttpStatusCode.OK, me);
        Assert.Contains($"\"email\":\"{session.User.Email}\"", await me.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task IdentityModelCodeExchange_WrongCodeVerifier_IsInvalidGrant()
    {
        using var portal = KestrelPortal.Start();
        using var session = await Session.StartAsync(portal);
        var (code, _) = await session.AuthorizeAsync();

        var tokens = await session.Http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = session.Disco.TokenEndpoint,
            ClientId = session.Client.ClientId,
            ClientSecret = session.Client.ClientSecret,
            Code = code,
            RedirectUri = RedirectUri,
            CodeVerifier = CryptoRandom.CreateUniqueId(32),
        });

        Assert.True(tokens.IsError);
        Assert.Equal(ResponseErrorType.Protocol, tokens.ErrorType);
        Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, tokens.Error);
    }

    [Fact]
    public async Task IdentityModelRefresh_RefreshToken_RotatesAndTheOldOneIsInvalidGrant()
    {
        using var portal = KestrelPortal.Start();
        using var session = await Session.StartAsync(portal);
        var first = await session.ObtainTokensAsync();

        var refreshed = await session.Http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = session.Disco.TokenEndpoint,
            ClientId = session.Client.ClientId,
            ClientSecret = session.Client.ClientSecret,
            RefreshToken = first.RefreshToken!,
        });

        Assert.False(refreshed.IsError, $"{refreshed.ErrorType}: {refreshed.Error} {refreshed.ErrorDescription}");
        Assert.False(string.IsNullOrEmpty(refreshed.AccessToken));
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        Assert.False(string.IsNullOrEmpty(refreshed.RefreshToken));
        Assert.NotEqual(first.RefreshToken, refreshed.RefreshToken);
        Assert.Equal(OidcConstants.TokenResponse.BearerTokenType, refreshed.TokenType);
        Assert.Equal(ThirdPartySetup.Scope, refreshed.Scope);
        Html.AssertStatus(HttpStatusCode.OK, await session.CallApiAsync(refreshed.AccessToken!));

        // The rotated-out refresh token is refused (RFC 9700 §4.14.2), and its access token no longer works.
        var replay = await session.Http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = session.Disco.TokenEndpoint,
            ClientId = session.Client.ClientId,
            ClientSecret = session.Client.ClientSecret,
            RefreshToken = first.RefreshToken!,
        });

        Assert.True(replay.IsError);
        Assert.Equal(ResponseErrorType.Protocol, replay.ErrorType);
        Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, replay.Error);
        Html.AssertStatus(HttpStatusCode.Unauthorized, await session.CallApiAsync(first.AccessToken!));
    }

    [Fact]
    public async Task IdentityModelRevocation_AccessToken_ApiThenAnswers401()
    {
        using var portal = KestrelPortal.Start();
        using var session = await Session.StartAsync(portal);
        var tokens = await session.ObtainTokensAsync();
        Html.AssertStatus(HttpStatusCode.OK, await session.CallApiAsync(tokens.AccessToken!));

        var revoked = await session.Http.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = session.Disco.RevocationEndpoint,
            ClientId = session.Client.ClientId,
            ClientSecret = session.Client.ClientSecret,
            Token = tokens.AccessToken!,
            TokenTypeHint = OidcConstants.TokenTypes.AccessToken,
        });

        Assert.False(revoked.IsError, $"{revoked.ErrorType}: {revoked.Error}");
        Html.AssertStatus(HttpStatusCode.OK, revoked.HttpResponse!);
        var me = await session.CallApiAsync(tokens.AccessToken!);
        Html.AssertStatus(HttpStatusCode.Unauthorized, me);
        Assert.StartsWith("Bearer", ApiCalls.Challenge(me));
    }

    [Fact]
    public async Task IdentityModelRevocation_UnknownToken_IsNotAnError()
    {
        using var portal = KestrelPortal.Start();
        using var session = await Session.StartAsync(portal);

        // RFC 7009 §2.2: an invalid token is answered with 200 as well.
        var revoked = await session.Http.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = session.Disco.RevocationEndpoint,
            ClientId = session.Client.ClientId,
            ClientSecret = session.Client.ClientSecret,
            Token = CryptoRandom.CreateUniqueId(32),
        });

        Assert.False(revoked.IsError, $"{revoked.ErrorType}: {revoked.Error}");
    }

    [Fact]
    public async Task IdentityModelIntrospection_ActiveAccessToken_ReportsClientScopeUserAndExpiry()
    {
        using var portal = KestrelPortal.Start();
        using var session = await Session.StartAsync(portal);
        var tokens = await session.ObtainTokensAsync();

        var introspection = await session.IntrospectAsync(tokens.AccessToken!, OidcConstants.TokenTypes.AccessToken);

        Assert.False(introspection.IsError, $"{introspection.ErrorType}: {introspection.Error}");
        Assert.True(introspection.IsActive);
        Assert.Equal(session.Client.ClientId, introspection.ClientId);
        Assert.Equal([ThirdPartySetup.Scope], introspection.Scopes);
        Assert.Equal(session.User.Id, introspection.Subject);
        Assert.Equal(session.User.UserName, introspection.UserName);
        Assert.Equal(OidcConstants.TokenResponse.BearerTokenType, introspection.TokenType);
        Assert.Equal(portal.Origin, introspection.Issuer);
        var issuedAt = portal.Factory.Clock.GetUtcNow();
        Assert.Equal(issuedAt.ToUnixTimeSeconds(), introspection.IssuedAt?.ToUnixTimeSeconds());
        Assert.Equal(issuedAt.AddSeconds(tokens.ExpiresIn).ToUnixTimeSeconds(), introspection.Expiration?.ToUnixTimeSeconds());
        // The same, read as the parsed claims.
        Assert.Equal(session.Client.ClientId, introspection.Claims.Single(c => c.Type == JwtClaimTypes.ClientId).Value);
        Assert.Equal(ThirdPartySetup.Scope, introspection.Claims.Single(c => c.Type == JwtClaimTypes.Scope).Value);
        Assert.Equal(introspection.Expiration!.Value.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            introspection.Claims.Single(c => c.Type == JwtClaimTypes.Expiration).Value);
    }

    [Fact]
    public async Task IdentityModelIntrospection_RefreshToken_IsActiveWithRefreshTokenType()
    {
        using var portal = KestrelPortal.Start();
        using var session = await Session.StartAsync(portal);
        var tokens = await session.ObtainTokensAsync();

        var introspection = await session.IntrospectAsync(tokens.RefreshToken!, OidcConstants.TokenTypes.RefreshToken);

        Assert.False(introspection.IsError, $"{introspection.ErrorType}: {introspection.Error}");
        Assert.True(introspection.IsActive);
        Assert.Equal(session.Client.ClientId, introspection.ClientId);
        Assert.Equal(OidcConstants.TokenTypes.RefreshToken, introspection.TokenType);
    }

    [Fact]
    public async Task IdentityModelIntrospection_AfterRevocation_IsInactive()
    {
        using var portal = KestrelPortal.Start();
        using var session = await Session.StartAsync(portal);
        var tokens = await session.ObtainTokensAsync();
        Assert.True((await session.IntrospectAsync(tokens.AccessToken!)).IsActive);

        var revoked = await session.Http.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = session.Disco.RevocationEndpoint,
            ClientId = session.Client.ClientId,
            ClientSecret = session.Client.ClientSecret,
            Token = tokens.RefreshToken!,
            TokenTypeHint = OidcConstants.TokenTypes.RefreshToken,
        });
        Assert.False(revoked.IsError, $"{revoked.ErrorType}: {revoked.Error}");

        // Revoking the refresh token revokes its access token too (RFC 7009 §2.1: "SHOULD").
        foreach (var token in new[] { tokens.AccessToken!, tokens.RefreshToken! })
        {
            var introspection = await session.IntrospectAsync(token);
            Assert.False(introspection.IsError, $"{introspection.ErrorType}: {introspection.Error}");
            Assert.False(introspection.IsActive);
            Assert.Null(introspection.ClientId);
            Assert.Empty(introspection.Scopes);
            Assert.Equal("{\"active\":false}", introspection.Raw);
        }
    }

    [Fact]
    public async Task IdentityModelIntrospection_AnotherClientsToken_IsInactive()
    {
        using var portal = KestrelPortal.Start();
        using var session = await Session.StartAsync(portal);
        var tokens = await session.ObtainTokensAsync();
        var other = await ThirdPartySetup.ConfidentialClientAsync(portal, RedirectUri);

        var introspection = await session.Http.IntrospectTokenAsync(new TokenIntrospectionRequest
        {
            Address = session.Disco.IntrospectionEndpoint,
            ClientId = other.ClientId,
            ClientSecret = other.ClientSecret,
            Token = tokens.AccessToken!,
        });

        Assert.False(introspection.IsError, $"{introspection.ErrorType}: {introspection.Error}");
        Assert.False(introspection.IsActive);
    }

    /// <summary>
    /// RFC 6749 §5.2: invalid_client, with 401 (required when the client used the Authorization header, allowed
    /// otherwise). IdentityModel classes any non-400 answer as an HTTP error (its Error is then the reason phrase),
    /// so the protocol error code is read from the parsed JSON body.
    /// </summary>
    [Theory]
    [InlineData(ClientCredentialStyle.AuthorizationHeader)]
    [InlineData(ClientCredentialStyle.PostBody)]
    public async Task IdentityModelTokenRequest_WrongClientSecret_IsInvalidClient(ClientCredentialStyle style)
    {
        using var portal = KestrelPortal.Start();
        using var session = await Session.StartAsync(portal);
        var (code, verifier) = await session.AuthorizeAsync();

        var tokens = await session.Http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = session.Disco.TokenEndpoint,
            ClientId = session.Client.ClientId,
            ClientSecret = session.Client.ClientSecret + "-wrong",
            ClientCredentialStyle = style,
            Code = code,
            RedirectUri = RedirectUri,
            CodeVerifier = verifier,
        });

        Assert.True(tokens.IsError);
        Assert.Equal(HttpStatusCode.Unauthorized, tokens.HttpStatusCode);
        Assert.Equal(ResponseErrorType.Http, tokens.ErrorType);
        Assert.Equal(OidcConstants.TokenErrors.InvalidClient, tokens.TryGet(OidcConstants.TokenResponse.Error));
        Assert.Null(tokens.AccessToken);
        Assert.Contains(tokens.HttpResponse!.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task IdentityModelIntrospection_WrongClientSecret_IsInvalidClient()
    {
        using var portal = KestrelPortal.Start();
        using var session = await Session.StartAsync(portal);
        var tokens = await session.ObtainTokensAsync();

        var introspection = await session.Http.IntrospectTokenAsync(new TokenIntrospectionRequest
        {
            Address = session.Disco.IntrospectionEndpoint,
            ClientId = session.Client.ClientId,
            ClientSecret = session.Client.ClientSecret + "-wrong",
            Token = tokens.AccessToken!,
        });

        Assert.True(introspection.IsError);
        Assert.False(introspection.IsActive);
        Assert.Equal(HttpStatusCode.Unauthorized, introspection.HttpStatusCode);
        Assert.Equal(OidcConstants.TokenErrors.InvalidClient, introspection.TryGet(OidcConstants.TokenResponse.Error));
    }

    /// <summary>One test's set-up: the portal's metadata through IdentityModel, a user, the scope, and a confidential client.</summary>
    private sealed record Session(KestrelPortal Portal, HttpClient Http, DiscoveryDocumentResponse Disco, PortalUser User, RegisteredClient Client) : IDisposable
    {
        public static async Task<Session> StartAsync(KestrelPortal portal)
        {
            var user = await ThirdPartySetup.UserAndScopeAsync(portal);
            var client = await ThirdPartySetup.ConfidentialClientAsync(portal, RedirectUri);
            var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
            return new Session(portal, http, await ThirdPartySetup.DiscoverAsync(http, portal), user, client);
        }

        /// <summary>
        /// The front channel: an authorization URL built by IdentityModel (PKCE S256 with its own random verifier), the
        /// user signing in and pressing Allow, and the redirect parsed by IdentityModel's <see cref="AuthorizeResponse"/>.
        /// </summary>
        public async Task<(string Code, string Verifier)> AuthorizeAsync()
        {
            var verifier = CryptoRandom.CreateUniqueId(32);
            var state = CryptoRandom.CreateUniqueId(16);
            var url = new RequestUrl(Disco.AuthorizeEndpoint!).CreateAuthorizeUrl(
                clientId: Client.ClientId,
                responseType: OidcConstants.ResponseTypes.Code,
                scope: ThirdPartySetup.Scope,
                redirectUri: RedirectUri,
                state: state,
                codeChallenge: ThirdPartySetup.S256(verifier),
                codeChallengeMethod: OidcConstants.CodeChallengeMethods.Sha256);

            var response = await ThirdPartySetup.ApproveAsync(Portal, User, url, RedirectUri);
            Assert.Equal(state, response.State);
            return (response.Code!, verifier);
        }

        public async Task<TokenResponse> ObtainTokensAsync()
        {
            var (code, verifier) = await AuthorizeAsync();
            var tokens = await Http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
            {
                Address = Disco.TokenEndpoint,
                ClientId = Client.ClientId,
                ClientSecret = Client.ClientSecret,
                Code = code,
                RedirectUri = RedirectUri,
                CodeVerifier = verifier,
            });
            Assert.False(tokens.IsError, $"{tokens.ErrorType}: {tokens.Error} {tokens.ErrorDescription}");
            return tokens;
        }

        public Task<TokenIntrospectionResponse> IntrospectAsync(string token, string? hint = null) =>
            Http.IntrospectTokenAsync(new TokenIntrospectionRequest
            {
                Address = Disco.IntrospectionEndpoint,
                ClientId = Client.ClientId,
                ClientSecret = Client.ClientSecret,
                Token = token,
                TokenTypeHint = hint,
            });

        public Task<HttpResponseMessage> CallApiAsync(string accessToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Portal.Origin + "/api/me");
            request.SetBearerToken(accessToken);
            return Http.SendAsync(request);
        }

        public void Dispose() => Http.Dispose();
    }
}
