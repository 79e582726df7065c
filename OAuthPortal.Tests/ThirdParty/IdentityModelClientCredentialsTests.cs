using System.Net;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Api;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;
using TokenResponse = Duende.IdentityModel.Client.TokenResponse;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// Duende.IdentityModel's client_credentials request (RFC 6749 §4.4) against the real portal on Kestrel, endpoints from
/// its discovery document: a service gets a token for itself (no user, no refresh token), calls the machine API, is
/// refused by an API that acts for a user, and the token introspects as the client's own (RFC 7662: sub is the client).
/// </summary>
public sealed class IdentityModelClientCredentialsTests
{
    /// <summary>A second machine scope, so that "no scope" (every machine scope) and "scope=status" differ.</summary>
    private const string ReportsScope = "reports";

    [Fact]
    public async Task IdentityModelClientCredentials_WithScope_IssuesABearerTokenForThatScopeOnlyAndNoRefreshToken()
    {
        using var portal = KestrelPortal.Start();
        using var service = await Service.StartAsync(portal);

        var tokens = await service.RequestTokenAsync(PortalApi.StatusScope);

        Assert.False(tokens.IsError, $"{tokens.ErrorType}: {tokens.Error} {tokens.ErrorDescription}");
        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));
        Assert.Equal(OidcConstants.TokenResponse.BearerTokenType, tokens.TokenType);
        Assert.Equal(3600, tokens.ExpiresIn);
        Assert.Equal(PortalApi.StatusScope, tokens.Scope);
        Assert.Null(tokens.RefreshToken);
        Assert.Null(tokens.IdentityToken);
        Assert.Equal("no-store", tokens.HttpResponse!.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task IdentityModelClientCredentials_WithoutScope_GetsEveryMachineScopeOfTheClient()
    {
        using var portal = KestrelPortal.Start();
        using var service = await Service.StartAsync(portal);

        var tokens = await service.RequestTokenAsync(scope: null);

        Assert.False(tokens.IsError, $"{tokens.ErrorType}: {tokens.Error} {tokens.ErrorDescription}");
        Assert.Equal([ReportsScope, PortalApi.StatusScope], tokens.Scope!.Split(' ').Order(StringComparer.Ordinal));
        Assert.Null(tokens.RefreshToken);
    }

    [Fact]
    public async Task IdentityModelClientCredentials_Token_IsStoredWithoutUserOrRefreshTokenInAClientCredentialsGrant()
    {
        using var portal = KestrelPortal.Start();
        using var service = await Service.StartAsync(portal);

        var tokens = await service.RequestTokenAsync(scope: null);

        var row = await portal.Factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AccessTokens.AsNoTracking().Include(t => t.Grant)
            .SingleAsync(t => t.TokenHash == SecretHasher.Hash(tokens.AccessToken!)));
        Assert.Null(row.UserId);
        Assert.Equal(service.Client.ClientId, row.ClientId);
        Assert.False(row.Refreshable);
        Assert.Null(row.RefreshTokenHash);
        Assert.Null(row.RefreshExpiresAt);
        Assert.Equal(GrantKind.ClientCredentials, row.Grant!.Kind);
        Assert.Null(row.Grant.UserId);
    }

    [Fact]
    public async Task IdentityModelClientCredentials_TokenOnTheMachineApi_AnswersWhoCalled()
    {
        using var portal = KestrelPortal.Start();
        using var service = await Service.StartAsync(portal);
        var tokens = await service.RequestTokenAsync(PortalApi.StatusScope);

        var status = await service.CallAsync(PortalApi.StatusPath, tokens.AccessToken!);

        Html.AssertStatus(HttpStatusCode.OK, status);
        using var body = System.Text.Json.JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(service.Client.ClientId, body.RootElement.GetProperty("client_id").GetString());
        Assert.Equal(PortalApi.StatusScope, body.RootElement.GetProperty("scope").GetString());
        Assert.False(body.RootElement.TryGetProperty("sub", out _)); // no user behind the token
    }

    [Fact]
    public async Task IdentityModelClientCredentials_TokenOnAUserApi_Is403InsufficientScopeSayingWhy()
    {
        using var portal = KestrelPortal.Start();
        using var service = await Service.StartAsync(portal);
        var tokens = await service.RequestTokenAsync(scope: null);

        var me = await service.CallAsync(PortalApi.MePath, tokens.AccessToken!);

        Html.AssertStatus(HttpStatusCode.Forbidden, me);
        var challenge = ApiCalls.Challenge(me);
        Assert.StartsWith("Bearer", challenge);
        Assert.Contains("error=\"insufficient_scope\"", challenge);
        Assert.Contains($"scope=\"{PortalApi.ProfileScope}\"", challenge);
        Assert.Contains("no user", challenge);
    }

    [Fact]
    public async Task IdentityModelClientCredentials_UserOnlyScope_IsInvalidScope()
    {
        using var portal = KestrelPortal.Start();
        using var service = await Service.StartAsync(portal);

        var tokens = await service.RequestTokenAsync(PortalApi.ProfileScope);

        Assert.True(tokens.IsError);
        Assert.Equal(ResponseErrorType.Protocol, tokens.ErrorType);
        Assert.Equal(OidcConstants.TokenErrors.InvalidScope, tokens.Error);
        Assert.Null(tokens.AccessToken);
    }

    [Fact]
    public async Task IdentityModelClientCredentials_ClientNotAllowedTheGrant_IsUnauthorizedClient()
    {
        using var portal = KestrelPortal.Start();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        var disco = await Service.DiscoverAsync(http, portal);
        var developer = await TestUsers.CreateAsync(portal.Factory);
        var client = await TestClients.RegisterAsync(portal.Factory, developer.Id, ClientType.Confidential); // the default grants only

        var tokens = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = disco.TokenEndpoint,
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
        });

        Assert.True(tokens.IsError);
        Assert.Equal(OidcConstants.TokenErrors.UnauthorizedClient, tokens.Error);
    }

    [Fact]
    public async Task IdentityModelIntrospection_ClientCredentialsToken_IsActiveWithTheClientAsSubjectAndNoUsername()
    {
        using var portal = KestrelPortal.Start();
        using var service = await Service.StartAsync(portal);
        var tokens = await service.RequestTokenAsync(PortalApi.StatusScope);

        var introspection = await service.Http.IntrospectTokenAsync(new TokenIntrospectionRequest
        {
            Address = service.Disco.IntrospectionEndpoint,
            ClientId = service.Client.ClientId,
            ClientSecret = service.Client.ClientSecret,
            Token = tokens.AccessToken!,
            TokenTypeHint = OidcConstants.TokenTypes.AccessToken,
        });

        Assert.False(introspection.IsError, $"{introspection.ErrorType}: {introspection.Error}");
        Assert.True(introspection.IsActive);
        Assert.Equal(service.Client.ClientId, introspection.ClientId);
        Assert.Equal([PortalApi.StatusScope], introspection.Scopes);
        Assert.Equal(OidcConstants.TokenResponse.BearerTokenType, introspection.TokenType);
        Assert.Equal(portal.Origin, introspection.Issuer);
        Assert.Equal(service.Client.ClientId, introspection.Subject); // RFC 7662 §2.2: the token is the client's own
        Assert.Null(introspection.UserName);
        Assert.DoesNotContain(introspection.Claims, c => c.Type == JwtClaimTypes.PreferredUserName || c.Type == "username");
        var issuedAt = portal.Factory.Clock.GetUtcNow();
        Assert.Equal(issuedAt.ToUnixTimeSeconds(), introspection.IssuedAt?.ToUnixTimeSeconds());
        Assert.Equal(issuedAt.AddSeconds(tokens.ExpiresIn).ToUnixTimeSeconds(), introspection.Expiration?.ToUnixTimeSeconds());
    }

    /// <summary>
    /// One test's set-up: the metadata through IdentityModel, the <c>status</c> scope (not created by the portal), and a
    /// confidential client allowed client_credentials with machine scopes <c>status</c> and <c>reports</c>.
    /// </summary>
    private sealed record Service(KestrelPortal Portal, HttpClient Http, DiscoveryDocumentResponse Disco, RegisteredClient Client) : IDisposable
    {
        public static async Task<Service> StartAsync(KestrelPortal portal)
        {
            await MachineClients.EnsureScopeAsync(portal.Factory, PortalApi.StatusScope);
            await MachineClients.EnsureScopeAsync(portal.Factory, ReportsScope);
            var client = await MachineClients.RegisterAsync(
                portal.Factory, ClientType.Confidential, [MachineClients.ClientCredentials], PortalApi.StatusScope, ReportsScope);
            var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
            return new Service(portal, http, await DiscoverAsync(http, portal), client);
        }

        public static async Task<DiscoveryDocumentResponse> DiscoverAsync(HttpClient http, KestrelPortal portal)
        {
            var disco = await ThirdPartySetup.DiscoverAsync(http, portal);
            Assert.Contains(OidcConstants.GrantTypes.ClientCredentials, disco.GrantTypesSupported);
            return disco;
        }

        public Task<TokenResponse> RequestTokenAsync(string? scope) =>
            Http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
            {
                Address = Disco.TokenEndpoint,
                ClientId = Client.ClientId,
                ClientSecret = Client.ClientSecret,
                Scope = scope,
            });

        public Task<HttpResponseMessage> CallAsync(string path, string accessToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Portal.Origin + path);
            request.SetBearerToken(accessToken);
            return Http.SendAsync(request);
        }

        public void Dispose() => Http.Dispose();
    }
}
