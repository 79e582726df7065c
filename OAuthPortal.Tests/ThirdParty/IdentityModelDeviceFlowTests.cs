using System.Net;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using OAuthPortal.Api;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.Tests.Support;
using TokenResponse = Duende.IdentityModel.Client.TokenResponse;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// Duende.IdentityModel's device authorization grant (RFC 8628) against the real portal on Kestrel, endpoints from its
/// discovery document: the device asks (public client, and confidential), polls and is told to wait, the user answers
/// through the service the /device page uses, and the next poll gets tokens for that user, or access_denied.
/// </summary>
public sealed class IdentityModelDeviceFlowTests
{
    [Fact]
    public async Task IdentityModelDeviceAuthorization_PublicClient_GetsADeviceCodeAndAUserCodeForTheDevicePage()
    {
        using var portal = KestrelPortal.Start();
        using var device = await Device.StartAsync(portal, ClientType.Public);

        var authorization = await device.AuthorizeAsync();

        Assert.False(string.IsNullOrEmpty(authorization.DeviceCode));
        Assert.Matches("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$", authorization.UserCode);
        Assert.Equal(portal.Origin + AuthorizationServerMetadata.DeviceVerificationPath, authorization.VerificationUri);
        Assert.Equal($"{authorization.VerificationUri}?user_code={authorization.UserCode}", authorization.VerificationUriComplete);
        Assert.True(authorization.ExpiresIn > 0);
        Assert.True(authorization.Interval > 0);
        Assert.Equal("no-store", authorization.HttpResponse!.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task IdentityModelDeviceToken_PublicClientBeforeTheUserAnswers_IsAuthorizationPending()
    {
        using var portal = KestrelPortal.Start();
        using var device = await Device.StartAsync(portal, ClientType.Public);
        var authorization = await device.AuthorizeAsync();

        var tokens = await device.PollAsync(authorization);

        Assert.True(tokens.IsError);
        Assert.Equal(ResponseErrorType.Protocol, tokens.ErrorType);
        Assert.Equal(OidcConstants.TokenErrors.AuthorizationPending, tokens.Error);
        Assert.Null(tokens.AccessToken);
    }

    [Theory]
    [InlineData(ClientType.Public)]
    [InlineData(ClientType.Confidential)]
    public async Task IdentityModelDeviceToken_AfterTheUserApproves_IssuesTokensForThatUserTheApiAccepts(ClientType type)
    {
        using var portal = KestrelPortal.Start();
        using var device = await Device.StartAsync(portal, type);
        var authorization = await device.AuthorizeAsync();
        var pending = await device.PollAsync(authorization);
        Assert.Equal(OidcConstants.TokenErrors.AuthorizationPending, pending.Error);

        Assert.True(await DeviceFlow.ApproveAsync(portal.Factory, authorization.UserCode!, device.User.Id));
        var tokens = await device.PollAsync(authorization);

        Assert.False(tokens.IsError, $"{tokens.ErrorType}: {tokens.Error} {tokens.ErrorDescription}");
        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));
        Assert.Equal(OidcConstants.TokenResponse.BearerTokenType, tokens.TokenType);
        Assert.Equal(PortalApi.ProfileScope, tokens.Scope);
        var me = await device.CallApiAsync(tokens.AccessToken!);
        Html.AssertStatus(HttpStatusCode.OK, me);
        Assert.Contains($"\"email\":\"{device.User.Email}\"", await me.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task IdentityModelDeviceToken_PolledAgainAfterTheTokens_IsInvalidGrant()
    {
        using var portal = KestrelPortal.Start();
        using var device = await Device.StartAsync(portal, ClientType.Public);
        var authorization = await device.AuthorizeAsync();
        Assert.True(await DeviceFlow.ApproveAsync(portal.Factory, authorization.UserCode!, device.User.Id));
        Assert.False((await device.PollAsync(authorization)).IsError);

        var again = await device.PollAsync(authorization);

        Assert.True(again.IsError);
        Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, again.Error);
    }

    [Fact]
    public async Task IdentityModelDeviceToken_AfterTheUserDeclines_IsAccessDenied()
    {
        using var portal = KestrelPortal.Start();
        using var device = await Device.StartAsync(portal, ClientType.Confidential);
        var authorization = await device.AuthorizeAsync();

        Assert.True(await DeviceFlow.DenyAsync(portal.Factory, authorization.UserCode!, device.User.Id));
        var tokens = await device.PollAsync(authorization);

        Assert.True(tokens.IsError);
        Assert.Equal(ResponseErrorType.Protocol, tokens.ErrorType);
        Assert.Equal(OidcConstants.TokenErrors.AccessDenied, tokens.Error);
        Assert.Null(tokens.AccessToken);
    }

    [Fact]
    public async Task IdentityModelDeviceAuthorization_ClientNotAllowedTheGrant_IsUnauthorizedClient()
    {
        using var portal = KestrelPortal.Start();
        using var device = await Device.StartAsync(portal, ClientType.Confidential, grantTypes: [MachineClients.ClientCredentials]);

        var authorization = await device.Http.RequestDeviceAuthorizationAsync(device.AuthorizationRequest());

        Assert.True(authorization.IsError);
        Assert.Equal(OidcConstants.TokenErrors.UnauthorizedClient, authorization.Error);
        Assert.Null(authorization.DeviceCode);
    }

    /// <summary>
    /// One test's set-up: the metadata through IdentityModel, a user who will answer, and a client of the given type
    /// allowed the device grant. A public client has no secret: IdentityModel then sends its client_id in the body.
    /// </summary>
    private sealed record Device(KestrelPortal Portal, HttpClient Http, DiscoveryDocumentResponse Disco, PortalUser User, RegisteredClient Client) : IDisposable
    {
        public static async Task<Device> StartAsync(KestrelPortal portal, ClientType type, string[]? grantTypes = null)
        {
            var user = await ThirdPartySetup.UserAndScopeAsync(portal);
            var client = await MachineClients.RegisterAsync(portal.Factory, type, grantTypes ?? [MachineClients.DeviceCode]);
            Assert.Equal(type == ClientType.Confidential, client.ClientSecret is not null);
            var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
            var disco = await ThirdPartySetup.DiscoverAsync(http, portal);
            Assert.Contains(OidcConstants.GrantTypes.DeviceCode, disco.GrantTypesSupported);
            return new Device(portal, http, disco, user, client);
        }

        public DeviceAuthorizationRequest AuthorizationRequest() => new()
        {
            Address = Disco.DeviceAuthorizationEndpoint,
            ClientId = Client.ClientId,
            ClientSecret = Client.ClientSecret,
            Scope = ThirdPartySetup.Scope,
        };

        public async Task<DeviceAuthorizationResponse> AuthorizeAsync()
        {
            var authorization = await Http.RequestDeviceAuthorizationAsync(AuthorizationRequest());
            Assert.False(authorization.IsError, $"{authorization.ErrorType}: {authorization.Error} {authorization.ErrorDescription}");
            return authorization;
        }

        public Task<TokenResponse> PollAsync(DeviceAuthorizationResponse authorization) =>
            Http.RequestDeviceTokenAsync(new DeviceTokenRequest
            {
                Address = Disco.TokenEndpoint,
                ClientId = Client.ClientId,
                ClientSecret = Client.ClientSecret,
                DeviceCode = authorization.DeviceCode!,
            });

        public Task<HttpResponseMessage> CallApiAsync(string accessToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Portal.Origin + PortalApi.MePath);
            request.SetBearerToken(accessToken);
            return Http.SendAsync(request);
        }

        public void Dispose() => Http.Dispose();
    }
}
