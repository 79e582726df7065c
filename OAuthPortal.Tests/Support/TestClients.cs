using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Tests.Support;

/// <summary>Registers clients through the core <see cref="ClientRegistrar"/>.</summary>
public static class TestClients
{
    public static async Task<RegisteredClient> RegisterAsync(
        PortalFactory factory, string ownerId, ClientType type = ClientType.Confidential, params string[] redirectUris) =>
        await factory.WithScopeAsync(async services =>
        {
            var outcome = await services.GetRequiredService<ClientRegistrar>().RegisterAsync(new ClientRegistration(
                ownerId, Unique.Name("client"), "A test client", null, type,
                redirectUris.Length > 0 ? redirectUris : ["https://client.example.test/callback"]), "test");
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
            return outcome.Value!;
        });

    /// <summary>
    /// Registers a client for <paramref name="grantTypes"/> (wire names) with <paramref name="machineScopes"/> (scope
    /// names), through the core rules; a redirect URI only when authorization_code is among them.
    /// </summary>
    public static async Task<RegisteredClient> RegisterAsync(PortalFactory factory, string ownerId, IReadOnlyList<string> grantTypes,
        IReadOnlyList<string> machineScopes, ClientType type = ClientType.Confidential) =>
        await factory.WithScopeAsync(async services =>
        {
            var outcome = await services.GetRequiredService<ClientRegistrar>().RegisterAsync(new ClientRegistration(
                ownerId, Unique.Name("client"), "A test client", null, type,
                grantTypes.Contains("authorization_code") ? ["https://client.example.test/callback"] : [])
            {
                GrantTypes = grantTypes,
                MachineScopes = machineScopes,
            }, "test");
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
            return outcome.Value!;
        });

    public static Task SetEnabledAsync(PortalFactory factory, string clientId, bool enabled) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == clientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Enabled, enabled)));

    /// <summary>Makes <paramref name="uri"/> the client's only redirect URI, bypassing the registration rules.</summary>
    public static async Task ReplaceRedirectUrisRawAsync(PortalFactory factory, string clientId, string uri)
    {
        await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().RedirectUris.Where(r => r.ClientId == clientId).ExecuteDeleteAsync());
        await AddRawRedirectUriAsync(factory, clientId, uri);
    }

    /// <summary>Adds a redirect URI straight into the database, bypassing the registration rules (as if they had tightened since).</summary>
    public static Task AddRawRedirectUriAsync(PortalFactory factory, string clientId, string uri) =>
        factory.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            var redirectUri = RedirectUri.For(uri);
            redirectUri.ClientId = clientId;
            db.RedirectUris.Add(redirectUri);
            await db.SaveChangesAsync();
        });

    /// <summary>Registers a post-logout redirect URI for the client (RP-Initiated Logout; the developer UI for it is elsewhere).</summary>
    public static Task AddPostLogoutRedirectUriAsync(PortalFactory factory, string clientId, string uri) =>
        factory.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            var postLogoutRedirectUri = PostLogoutRedirectUri.For(uri);
            postLogoutRedirectUri.ClientId = clientId;
            db.PostLogoutRedirectUris.Add(postLogoutRedirectUri);
            await db.SaveChangesAsync();
        });

    /// <summary>Makes the client DPoP-bound (RFC 9449 §5.2 <c>dpop_bound_access_tokens</c>): the token endpoint then refuses it tokens without a proof.</summary>
    public static Task RequireDpopAsync(PortalFactory factory, string clientId) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == clientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.DpopBoundAccessTokens, true)));

    /// <summary>Sets the algorithm of the client's id_tokens (<c>id_token_signed_response_alg</c>).</summary>
    public static Task SetIdTokenSignedResponseAlgAsync(PortalFactory factory, string clientId, string algorithm) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == clientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.IdTokenSignedResponseAlg, algorithm)));
}
