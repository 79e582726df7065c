using System.Net;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;
using TokenResponse = Duende.IdentityModel.Client.TokenResponse;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// Duende.IdentityModel's dynamic client registration (RFC 7591, <c>RegisterClientAsync</c>) against the real portal on
/// Kestrel, unmodified: the registration endpoint is read from discovery, the request carries an initial access token
/// made in the developer area, and the credentials the portal returns then drive the code flow with PKCE, the refresh
/// and a call of the sample API, every protocol request being the library's.
/// </summary>
public sealed class IdentityModelRegistrationTests
{
    /// <summary>Never opened: the browser stops at the redirect, which carries the code.</summary>
    private const string RedirectUri = "http://127.0.0.1:8765/callback";

    /// <summary>RFC 7591 §2: a public client (IdentityModel has no constant for it).</summary>
    private const string NoAuthentication = "none";

    private static readonly Dictionary<string, string?> InitialAccessTokenMode = new() { ["OAuth:Registration:Mode"] = "InitialAccessToken" };

    [Fact]
    public async Task IdentityModelRegistration_ConfidentialClient_ReturnsCredentialsThatCompleteTheCodeFlowRefreshAndApiCall()
    {
        using var portal = KestrelPortal.Start(InitialAccessTokenMode);
        using var http = portal.CreateHttpClient();
        var disco = await ThirdPartySetup.DiscoverAsync(http, portal);
        var (initialAccessToken, _, _) = await Registrations.InitialAccessTokenAsync(portal.Factory);
        var user = await ThirdPartySetup.UserAndScopeAsync(portal);

        var registered = await http.RegisterClientAsync(Request(disco, initialAccessToken, OidcConstants.EndpointAuthenticationMethods.BasicAuthentication));

        Assert.False(registered.IsError, $"{registered.ErrorType}: {registered.Error} {registered.ErrorDescription}");
        Assert.Equal(HttpStatusCode.Created, registered.HttpStatusCode);
        Assert.False(string.IsNullOrEmpty(registered.ClientId));
        Assert.False(string.IsNullOrEmpty(registered.ClientSecret));
        Assert.Equal(0, registered.ClientSecretExpiresAt);
        Assert.False(string.IsNullOrEmpty(registered.RegistrationAccessToken));
        Assert.Equal($"{disco.RegistrationEndpoint}/{registered.ClientId}", registered.RegistrationClientUri);
        Assert.Equal(OidcConstants.EndpointAuthenticationMethods.BasicAuthentication, registered.TryGet("token_endpoint_auth_method"));

        var tokens = await CodeFlowAsync(portal, http, disco, user, registered.ClientId!, registered.ClientSecret);
        var refreshed = await http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = disco.TokenEndpoint, ClientId = registered.ClientId!, ClientSecret = registered.ClientSecret, RefreshToken = tokens.RefreshToken!,
        });

        Assert.False(refreshed.IsError, $"{refreshed.ErrorType}: {refreshed.Error} {refreshed.ErrorDescription}");
        Assert.NotEqual(tokens.AccessToken, refreshed.AccessToken);
        Assert.NotEqual(tokens.RefreshToken, refreshed.RefreshToken);
        using var me = await CallApiAsync(portal, http, refreshed.AccessToken!);
        Html.AssertStatus(HttpStatusCode.OK, me);
        var body = await me.Content.ReadAsStringAsync();
        Assert.Contains($"\"email\":\"{user.Email}\"", body);
        Assert.Contains($"\"client_id\":\"{registered.ClientId}\"", body);
    }

    [Fact]
    public async Task IdentityModelRegistration_PublicClient_GetsNoSecretAndCompletesTheCodeFlowWithPkceAlone()
    {
        using var portal = KestrelPortal.Start(InitialAccessTokenMode);
        using var http = portal.CreateHttpClient();
        var disco = await ThirdPartySetup.DiscoverAsync(http, portal);
        var (initialAccessToken, _, _) = await Registrations.InitialAccessTokenAsync(portal.Factory);
        var user = await ThirdPartySetup.UserAndScopeAsync(portal);

        var registered = await http.RegisterClientAsync(Request(disco, initialAccessToken, NoAuthentication));

        Assert.False(registered.IsError, $"{registered.ErrorType}: {registered.Error} {registered.ErrorDescription}");
        Assert.False(string.IsNullOrEmpty(registered.ClientId));
        Assert.Null(registered.ClientSecret);
        Assert.Equal(NoAuthentication, registered.TryGet("token_endpoint_auth_method"));
        var tokens = await CodeFlowAsync(portal, http, disco, user, registered.ClientId!, clientSecret: null);
        using var me = await CallApiAsync(portal, http, tokens.AccessToken!);
        Html.AssertStatus(HttpStatusCode.OK, me);
        Assert.Contains($"\"email\":\"{user.Email}\"", await me.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// IdentityModel cannot leave a list out: a collection not filled in is sent as <c>[]</c>. A document that names no
    /// response type (with or without grant types) therefore sends <c>"response_types": []</c>, which means "omitted"
    /// (RFC 7591 §2: the default is <c>code</c>), as the portal already reads <c>"grant_types": []</c>.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IdentityModelRegistration_DocumentWithoutResponseTypes_RegistersACodeFlowClient(bool withGrantTypes)
    {
        using var portal = KestrelPortal.Start(InitialAccessTokenMode);
        using var http = portal.CreateHttpClient();
        var disco = await ThirdPartySetup.DiscoverAsync(http, portal);
        var (initialAccessToken, _, _) = await Registrations.InitialAccessTokenAsync(portal.Factory);
        var request = Request(disco, initialAccessToken, OidcConstants.EndpointAuthenticationMethods.BasicAuthentication);
        request.Document.ResponseTypes.Clear();
        if (!withGrantTypes)
        {
            request.Document.GrantTypes.Clear();
        }

        var registered = await http.RegisterClientAsync(request);

        Assert.False(registered.IsError, $"{registered.ErrorType}: {registered.Error} {registered.ErrorDescription}");
        Assert.Equal("""["code"]""", registered.Json?.GetProperty("response_types").GetRawText());
        Assert.Contains("authorization_code", registered.Json?.GetProperty("grant_types").GetRawText());
    }

    [Fact]
    public async Task IdentityModelRegistration_RedirectUriWithAFragment_IsInvalidRedirectUriAndTheTokenStaysUnused()
    {
        using var portal = KestrelPortal.Start(InitialAccessTokenMode);
        using var http = portal.CreateHttpClient();
        var disco = await ThirdPartySetup.DiscoverAsync(http, portal);
        var (initialAccessToken, _, _) = await Registrations.InitialAccessTokenAsync(portal.Factory);
        var request = Request(disco, initialAccessToken, OidcConstants.EndpointAuthenticationMethods.BasicAuthentication);
        request.Document.RedirectUris.Clear();
        request.Document.RedirectUris.Add(new Uri("https://agent.example.test/callback#fragment")); // RFC 6749 §3.1.2: no fragment

        var refused = await http.RegisterClientAsync(request);

        Assert.True(refused.IsError);
        Assert.Equal(ResponseErrorType.Protocol, refused.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, refused.HttpStatusCode);
        Assert.Equal("invalid_redirect_uri", refused.Error);
        Assert.False(string.IsNullOrEmpty(refused.ErrorDescription));
        Assert.Null(refused.ClientId);
        // Nothing was registered, so the single-use token still registers a client.
        var retried = await http.RegisterClientAsync(Request(disco, initialAccessToken, OidcConstants.EndpointAuthenticationMethods.BasicAuthentication));
        Assert.False(retried.IsError, $"{retried.ErrorType}: {retried.Error} {retried.ErrorDescription}");
    }

    [Fact]
    public async Task IdentityModelRegistration_NoInitialAccessToken_IsAnHttpError401WithInvalidToken()
    {
        using var portal = KestrelPortal.Start(InitialAccessTokenMode);
        using var http = portal.CreateHttpClient();
        var disco = await ThirdPartySetup.DiscoverAsync(http, portal);
        var request = Request(disco, initialAccessToken: null, OidcConstants.EndpointAuthenticationMethods.BasicAuthentication);

        var refused = await http.RegisterClientAsync(request);

        // IdentityModel calls any answer but 400 an HTTP error; the protocol error is read from the parsed body.
        Assert.True(refused.IsError);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.HttpStatusCode);
        Assert.Equal(OidcConstants.ProtectedResourceErrors.InvalidToken, refused.TryGet(OidcConstants.TokenResponse.Error));
        Assert.Null(refused.ClientId);
    }

    /// <summary>The registration request a web app (or, with auth method <c>none</c>, a native app) makes for the code flow.</summary>
    private static DynamicClientRegistrationRequest Request(DiscoveryDocumentResponse disco, string? initialAccessToken, string authMethod)
    {
        Assert.False(string.IsNullOrEmpty(disco.RegistrationEndpoint), "discovery has no registration_endpoint");
        return new DynamicClientRegistrationRequest
        {
            Address = disco.RegistrationEndpoint,
            Token = initialAccessToken,
            Document = new DynamicClientRegistrationDocument
            {
                RedirectUris = { new Uri(RedirectUri) },
                GrantTypes = { OidcConstants.GrantTypes.AuthorizationCode, OidcConstants.GrantTypes.RefreshToken },
                ResponseTypes = { OidcConstants.ResponseTypes.Code },
                ClientName = "IdentityModel agent " + Guid.NewGuid().ToString("N")[..8],
                TokenEndpointAuthenticationMethod = authMethod,
                Scope = ThirdPartySetup.Scope,
            },
        };
    }

    /// <summary>
    /// The code flow with the registered credentials: IdentityModel's authorization URL (PKCE S256), the user signing in
    /// and allowing, and the code exchanged by IdentityModel (the secret in the Authorization header, or for a public
    /// client only client_id in the body).
    /// </summary>
    private static async Task<TokenResponse> CodeFlowAsync(
        KestrelPortal portal, HttpClient http, DiscoveryDocumentResponse disco, PortalUser user, string clientId, string? clientSecret)
    {
        var (verifier, state) = (CryptoRandom.CreateUniqueId(32), CryptoRandom.CreateUniqueId(16));
        var url = new RequestUrl(disco.AuthorizeEndpoint!).CreateAuthorizeUrl(
            clientId: clientId,
            responseType: OidcConstants.ResponseTypes.Code,
            scope: ThirdPartySetup.Scope,
            redirectUri: RedirectUri,
            state: state,
            codeChallenge: ThirdPartySetup.S256(verifier),
            codeChallengeMethod: OidcConstants.CodeChallengeMethods.Sha256);
        var authorization = await ThirdPartySetup.ApproveAsync(portal, user, url, RedirectUri);
        Assert.Equal(state, authorization.State);

        var tokens = await http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = disco.TokenEndpoint,
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientCredentialStyle = clientSecret is null ? ClientCredentialStyle.PostBody : ClientCredentialStyle.AuthorizationHeader,
            Code = authorization.Code!,
            RedirectUri = RedirectUri,
            CodeVerifier = verifier,
        });
        Assert.False(tokens.IsError, $"{tokens.ErrorType}: {tokens.Error} {tokens.ErrorDescription}");
        Assert.Equal(OidcConstants.TokenResponse.BearerTokenType, tokens.TokenType);
        Assert.Equal(ThirdPartySetup.Scope, tokens.Scope);
        return tokens;
    }

    private static Task<HttpResponseMessage> CallApiAsync(KestrelPortal portal, HttpClient http, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, portal.Origin + "/api/me");
        request.SetBearerToken(accessToken);
        return http.SendAsync(request);
    }
}
