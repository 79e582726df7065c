using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.Management.Scopes;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// Clients that speak for themselves (client_credentials) or for a device (RFC 8628): their grant types and machine
/// scopes are set straight in the database (choosing them is the developer area's and the CLI's, tested there); a
/// device authorization is answered through the core service the /device page uses.
/// </summary>
public static class MachineClients
{
    public const string ClientCredentials = "client_credentials";
    public const string DeviceCode = "urn:ietf:params:oauth:grant-type:device_code";

    /// <summary>A new client of a new developer with exactly <paramref name="grantTypes"/> and <paramref name="machineScopes"/>.</summary>
    public static async Task<RegisteredClient> RegisterAsync(
        PortalFactory factory, ClientType type, string[] grantTypes, params string[] machineScopes)
    {
        var developer = await TestUsers.CreateAsync(factory);
        var client = await TestClients.RegisterAsync(factory, developer.Id, type);
        await AllowAsync(factory, client.ClientId, grantTypes);
        if (machineScopes.Length > 0)
        {
            await AddMachineScopesAsync(factory, client.ClientId, machineScopes);
        }

        return client;
    }

    public static Task AllowAsync(PortalFactory factory, string clientId, params string[] grantTypes) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == clientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.AllowedGrantTypes, string.Join(' ', grantTypes))));

    public static Task AddMachineScopesAsync(PortalFactory factory, string clientId, params string[] scopeNames) =>
        factory.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            var client = await db.Clients.Include(c => c.MachineScopes).SingleAsync(c => c.Id == clientId);
            var scopes = await db.Scopes.Where(x => scopeNames.Contains(x.Name)).ToListAsync();
            Assert.Equal(scopeNames.Length, scopes.Count);
            client.MachineScopes.AddRange(scopes);
            await db.SaveChangesAsync();
        });

    /// <summary>A new scope with a unique name, user-only or not; returns its name.</summary>
    public static async Task<string> CreateScopeAsync(PortalFactory factory, bool userOnly = false) =>
        await factory.WithScopeAsync(async s =>
        {
            var created = await s.GetRequiredService<ScopeCatalog>().CreateAsync(Unique.Name("machine"), "Do a machine thing", userOnly: userOnly);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Message)));
            return created.Value!.Name;
        });

    /// <summary>A scope by that name (created through the catalog if the portal has none yet, as an admin would), not user-only.</summary>
    public static Task<string> EnsureScopeAsync(PortalFactory factory, string name) =>
        factory.WithScopeAsync(async s =>
        {
            if (!await s.GetRequiredService<PortalDbContext>().Scopes.AnyAsync(x => x.Name == name))
            {
                var created = await s.GetRequiredService<ScopeCatalog>().CreateAsync(name, $"The {name} scope");
                Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Message)));
            }

            return name;
        });

    /// <summary>grant_type=client_credentials at the token endpoint (client_secret_basic), optionally for <paramref name="scope"/>.</summary>
    public static Task<TokenEndpoint.Reply> ClientCredentialsAsync(HttpClient http, RegisteredClient client, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = ClientCredentials };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return TokenEndpoint.TokenAsync(http, form, TokenEndpoint.Basic(client.ClientId, client.ClientSecret!));
    }

    /// <summary>The device's first request (RFC 8628 §3.1): a device code and a user code.</summary>
    public static Task<TokenEndpoint.Reply> DeviceAuthorizationAsync(HttpClient http, RegisteredClient client, string scope) =>
        DeviceFlow.AuthorizeAsync(http, client.ClientId, client.ClientSecret, scope);

    /// <summary>The device's poll (RFC 8628 §3.4).</summary>
    public static Task<TokenEndpoint.Reply> PollAsync(HttpClient http, RegisteredClient client, string deviceCode) =>
        DeviceFlow.PollAsync(http, client.ClientId, client.ClientSecret, deviceCode);

    /// <summary>The whole device flow over HTTP, the user approving through the core: the device's tokens for <paramref name="userId"/>.</summary>
    public static async Task<TokenEndpoint.Reply> DeviceTokensAsync(PortalFactory factory, RegisteredClient client, string userId, string scope)
    {
        var authorization = await DeviceAuthorizationAsync(factory.CreateClient(), client, scope);
        Assert.True(await DeviceFlow.ApproveAsync(factory, authorization["user_code"]!, userId));
        var tokens = await PollAsync(factory.CreateClient(), client, authorization["device_code"]!);
        Assert.NotNull(tokens["access_token"]);
        return tokens;
    }
}
