using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Duende.IdentityModel.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Api;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>What a third-party client needs on a fresh <see cref="KestrelPortal"/>: a user, the API's scope, a registered client.</summary>
public static class ThirdPartySetup
{
    /// <summary>The scope /api/me requires.</summary>
    public const string Scope = PortalApi.ProfileScope;

    /// <summary>
    /// A user who will sign in and consent. The "profile" scope the sample API needs is one of the OpenID Connect
    /// scopes every database has (<see cref="BuiltInScopes"/>); checked here, not created.
    /// </summary>
    public static async Task<PortalUser> UserAndScopeAsync(KestrelPortal portal)
    {
        Assert.True(BuiltInScopes.Contains(Scope));
        Assert.True(await portal.Factory.WithScopeAsync(services => services.GetRequiredService<PortalDbContext>().Scopes.AnyAsync(s => s.Name == Scope)));
        return await TestUsers.CreateAsync(portal.Factory);
    }

    /// <summary>A user with a full name (OpenID Connect <c>name</c>), as if set in Manage your account.</summary>
    public static async Task<PortalUser> NamedUserAsync(KestrelPortal portal, string name)
    {
        var user = await TestUsers.CreateAsync(portal.Factory);
        await portal.Factory.WithScopeAsync(services => services.GetRequiredService<PortalDbContext>().Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Name, name)));
        user.Name = name;
        return user;
    }

    /// <summary>A confidential client owned by a separate developer account, with exactly <paramref name="redirectUri"/>.</summary>
    public static async Task<RegisteredClient> ConfidentialClientAsync(KestrelPortal portal, string redirectUri)
    {
        var developer = await TestUsers.CreateAsync(portal.Factory);
        var client = await TestClients.RegisterAsync(portal.Factory, developer.Id, ClientType.Confidential, redirectUri);
        Assert.NotNull(client.ClientSecret);
        return client;
    }

    /// <summary>
    /// The portal's metadata (RFC 8414) through IdentityModel's default policy (https except on loopback, issuer equals
    /// authority, endpoints under it); the portal publishes no jwks_uri there (opaque tokens), so no key set is required.
    /// </summary>
    public static async Task<DiscoveryDocumentResponse> DiscoverAsync(HttpClient http, KestrelPortal portal)
    {
        var disco = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
        {
            Address = portal.Origin,
            Policy = new DiscoveryPolicy { DiscoveryDocumentPath = AuthorizationServerMetadata.WellKnownPath, RequireKeySet = false },
        });
        Assert.False(disco.IsError, $"{disco.ErrorType}: {disco.Error}");
        return disco;
    }

    /// <summary>
    /// The user's part of the front channel, in a fresh browser: <paramref name="user"/> signs in, opens
    /// <paramref name="authorizeUrl"/> and presses Allow; the redirect to <paramref name="redirectUri"/> is parsed by
    /// IdentityModel's <see cref="AuthorizeResponse"/> and must carry a code and the portal as <c>iss</c>.
    /// </summary>
    public static async Task<AuthorizeResponse> ApproveAsync(KestrelPortal portal, PortalUser user, string authorizeUrl, string redirectUri)
    {
        using var browser = new SocketBrowser();
        await browser.SignInAsync(portal, user.Email!);
        var allowed = await browser.DecideAsync(await browser.GetAsync(authorizeUrl));
        Html.AssertStatus(System.Net.HttpStatusCode.SeeOther, allowed);
        var callback = SocketBrowser.Location(allowed);
        Assert.Equal(redirectUri, callback.GetLeftPart(UriPartial.Path));

        var response = new AuthorizeResponse(callback.AbsoluteUri);
        Assert.False(response.IsError, $"{response.Error}: {response.ErrorDescription}");
        Assert.Equal(portal.Origin, response.Issuer);
        Assert.False(string.IsNullOrEmpty(response.Code));
        return response;
    }

    /// <summary>RFC 7636 §4.2 S256, computed here rather than by the portal's own code: BASE64URL(SHA256(ASCII(verifier))).</summary>
    public static string S256(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
