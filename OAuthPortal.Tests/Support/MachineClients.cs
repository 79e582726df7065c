using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.Management.Scopes;
using OAuthPortal.OAuth.Device;
using OAuthPortal.OAuth.Oidc;

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

    /// <summary>The user allows the device authorization that <paramref name="userCode"/> names (as the /device page does).</summary>
    public static Task<bool> ApproveAsync(PortalFactory factory, string userCode, string userId) =>
        factory.WithScopeAsync(s => s.GetRequiredService<DeviceVerification>()
            .ApproveAsync(userCode, new SignedInUser(userId, null, factory.Clock.GetUtcNow().UtcDateTime, ["pwd"])));

    /// <summary>The user declines it.</summary>
    public static Task<bool> DenyAsync(PortalFactory factory, string userCode, string userId) =>
        factory.WithScopeAsync(s => s.GetRequiredService<DeviceVerification>().DenyAsync(userCode, userId));
}
