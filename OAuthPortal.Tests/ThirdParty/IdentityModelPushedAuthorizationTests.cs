using System.Net;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using PortalUser = OAuthPortal.Data.PortalUser;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// Duende.IdentityModel's pushed authorization request (RFC 9126, <c>PushAuthorizationAsync</c>) against the real
/// portal on Kestrel, the endpoint taken from its discovery document: the client pushes (authenticated with its secret
/// or with private_key_jwt), the browser carries only client_id and request_uri, and the code is exchanged by the same
/// library; a refused push is a protocol error the library parses.
/// </summary>
public sealed class IdentityModelPushedAuthorizationTests
{
    /// <summary>Never opened: the browser stops at the redirect, which carries the code.</summary>
    private const string RedirectUri = "http://127.0.0.1:8765/callback";

    [Fact]
    public async Task IdentityModelPush_ClientSecret_CodeFlowCompletesAndTheApiAnswers()
    {
        using var portal = KestrelPortal.Start();
        using var http = portal.CreateHttpClient();
        var disco = await ThirdPartySetup.DiscoverAsync(http, portal);
        var user = await ThirdPartySetup.UserAndScopeAsync(portal);
        var client = await ThirdPartySetup.ConfidentialClientAsync(portal, RedirectUri);
        var (verifier, state) = (CryptoRandom.CreateUniqueId(32), CryptoRandom.CreateUniqueId(16));

        var pushed = await http.PushAuthorizationAsync(PushRequest(disco, client.ClientId, verifier, state, request =>
            request.ClientSecret = client.ClientSecret));

        Assert.False(pushed.IsError, $"{pushed.ErrorType}: {pushed.Error} {pushed.TryGet(OidcConstants.TokenResponse.ErrorDescription)}");
        Assert.Equal(HttpStatusCode.Created, pushed.HttpStatusCode);
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", pushed.RequestUri);
        Assert.Equal(60, pushed.ExpiresIn);
        var tokens = await ExchangeAsync(portal, http, disco, user, client.ClientId, pushed.RequestUri!, verifier, state, request =>
            request.ClientSecret = client.ClientSecret);
        Html.AssertStatus(HttpStatusCode.OK, await CallApiAsync(portal, http, tokens.AccessToken!));
    }

    [Fact]
    public async Task IdentityModelPush_PrivateKeyJwt_CodeFlowCompletesAndTheApiAnswers()
    {
        using var portal = KestrelPortal.Start();
        using var http = portal.CreateHttpClient();
        var disco = await ThirdPartySetup.DiscoverAsync(http, portal);
        Assert.Contains("private_key_jwt", disco.TokenEndpointAuthenticationMethodsSupported);
        var user = await ThirdPartySetup.UserAndScopeAsync(portal);
        var client = await ThirdPartySetup.ConfidentialClientAsync(portal, RedirectUri);
        var key = KeyClients.Rsa();
        await KeyClients.UseKeysAsync(portal.Factory, client.ClientId, KeyClients.JwkSet(key));
        var (verifier, state) = (CryptoRandom.CreateUniqueId(32), CryptoRandom.CreateUniqueId(16));

        // A new assertion for each request: its jti is spent by the first.
        var pushed = await http.PushAuthorizationAsync(PushRequest(disco, client.ClientId, verifier, state, request =>
        {
            request.ClientAssertion = KeyClients.ClientAssertion(portal, key, client.ClientId);
            request.ClientCredentialStyle = ClientCredentialStyle.PostBody; // IdentityModel refuses an assertion in its default, the header
        }));

        Assert.False(pushed.IsError, $"{pushed.ErrorType}: {pushed.Error} {pushed.TryGet(OidcConstants.TokenResponse.ErrorDescription)}");
        var tokens = await ExchangeAsync(portal, http, disco, user, client.ClientId, pushed.RequestUri!, verifier, state, request =>
        {
            request.ClientAssertion = KeyClients.ClientAssertion(portal, key, client.ClientId);
            request.ClientCredentialStyle = ClientCredentialStyle.PostBody;
        });
        Html.AssertStatus(HttpStatusCode.OK, await CallApiAsync(portal, http, tokens.AccessToken!));
    }

    /// <summary>
    /// RFC 9126 §2.3: the token endpoint's error format (RFC 6749 §5.2), 400; a redirect URI that cannot be used has no
    /// code of its own in RFC 6749 §4.1.2.1 (it is never redirected to), so it is <c>invalid_request</c>.
    /// </summary>
    [Theory]
    [InlineData("redirect_uri", "http://127.0.0.1:8765/elsewhere", OidcConstants.AuthorizeErrors.InvalidRequest)]
    [InlineData("scope", "no-such-scope", OidcConstants.AuthorizeErrors.InvalidScope)]
    [InlineData("response_type", "token", OidcConstants.AuthorizeErrors.UnsupportedResponseType)]
    public async Task IdentityModelPush_RefusedRequest_IsAProtocolErrorWithTheRfcCode(string parameter, string value, string error)
    {
        using var portal = KestrelPortal.Start();
        using var http = portal.CreateHttpClient();
        var disco = await ThirdPartySetup.DiscoverAsync(http, portal);
        var client = await ThirdPartySetup.ConfidentialClientAsync(portal, RedirectUri);

        var pushed = await http.PushAuthorizationAsync(PushRequest(disco, client.ClientId, CryptoRandom.CreateUniqueId(32), "s", request =>
        {
            request.ClientSecret = client.ClientSecret;
            request.RedirectUri = parameter == "redirect_uri" ? value : request.RedirectUri;
            request.Scope = parameter == "scope" ? value : request.Scope;
            request.ResponseType = parameter == "response_type" ? value : request.ResponseType;
        }));

        Assert.True(pushed.IsError);
        Assert.Equal(ResponseErrorType.Protocol, pushed.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, pushed.HttpStatusCode);
        Assert.Equal(error, pushed.Error);
        Assert.False(string.IsNullOrEmpty(pushed.TryGet(OidcConstants.TokenResponse.ErrorDescription))); // the library has no property for it
        Assert.Null(pushed.RequestUri);
        Assert.Equal(0, await PushedRequests.CountAsync(portal.Factory, client.ClientId));
    }

    [Fact]
    public async Task IdentityModelPush_WrongClientSecret_IsInvalidClientAndNothingIsStored()
    {
        using var portal = KestrelPortal.Start();
        using var http = portal.CreateHttpClient();
        var disco = await ThirdPartySetup.DiscoverAsync(http, portal);
        var client = await ThirdPartySetup.ConfidentialClientAsync(portal, RedirectUri);

        var pushed = await http.PushAuthorizationAsync(PushRequest(disco, client.ClientId, CryptoRandom.CreateUniqueId(32), "s", request =>
            request.ClientSecret = client.ClientSecret + "-wrong"));

        // RFC 6749 §5.2: 401 for the Authorization header IdentityModel used; the library calls any non-400 an HTTP error.
        Assert.True(pushed.IsError);
        Assert.Equal(HttpStatusCode.Unauthorized, pushed.HttpStatusCode);
        Assert.Equal(OidcConstants.TokenErrors.InvalidClient, pushed.TryGet(OidcConstants.TokenResponse.Error));
        Assert.Equal(0, await PushedRequests.CountAsync(portal.Factory, client.ClientId));
    }

    /// <summary>What a client pushes for the code flow with PKCE; <paramref name="authenticate"/> adds the client's credentials.</summary>
    private static PushedAuthorizationRequest PushRequest(
        DiscoveryDocumentResponse disco, string clientId, string verifier, string state, Action<PushedAuthorizationRequest> authenticate)
    {
        Assert.False(string.IsNullOrEmpty(disco.PushedAuthorizationRequestEndpoint));
        var request = new PushedAuthorizationRequest
        {
            Address = disco.PushedAuthorizationRequestEndpoint,
            ClientId = clientId,
            ResponseType = OidcConstants.ResponseTypes.Code,
            Scope = ThirdPartySetup.Scope,
            RedirectUri = RedirectUri,
            State = state,
            CodeChallenge = ThirdPartySetup.S256(verifier),
            CodeChallengeMethod = OidcConstants.CodeChallengeMethods.Sha256,
        };
        authenticate(request);
        return request;
    }

    /// <summary>The browser goes to the authorization endpoint with client_id and request_uri only, the user allows, and the code is exchanged.</summary>
    private static async Task<Duende.IdentityModel.Client.TokenResponse> ExchangeAsync(KestrelPortal portal, HttpClient http, DiscoveryDocumentResponse disco,
        PortalUser user, string clientId, string requestUri, string verifier, string state, Action<AuthorizationCodeTokenRequest> authenticate)
    {
        var url = new RequestUrl(disco.AuthorizeEndpoint!).Create(new Parameters
        {
            { OidcConstants.AuthorizeRequest.ClientId, clientId },
            { OidcConstants.AuthorizeRequest.RequestUri, requestUri },
        });
        var authorization = await ThirdPartySetup.ApproveAsync(portal, user, url, RedirectUri);
        Assert.Equal(state, authorization.State);

        var request = new AuthorizationCodeTokenRequest
        {
            Address = disco.TokenEndpoint, ClientId = clientId, Code = authorization.Code!, RedirectUri = RedirectUri, CodeVerifier = verifier,
        };
        authenticate(request);
        var tokens = await http.RequestAuthorizationCodeTokenAsync(request);
        Assert.False(tokens.IsError, $"{tokens.ErrorType}: {tokens.Error} {tokens.ErrorDescription}");
        Assert.Equal(OidcConstants.TokenResponse.BearerTokenType, tokens.TokenType);
        return tokens;
    }

    private static Task<HttpResponseMessage> CallApiAsync(KestrelPortal portal, HttpClient http, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, portal.Origin + "/api/me");
        request.SetBearerToken(accessToken);
        return http.SendAsync(request);
    }
}
