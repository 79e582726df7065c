using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management.Scopes;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// Gives a client grant types and machine scopes straight in the database (the developer area and the CLI have their
/// own tests), and creates scopes with unique names, user-only or not.
/// </summary>
public static class MachineGrants
{
    public const string ClientCredentials = "client_credentials";
    public const string DeviceCode = "urn:ietf:params:oauth:grant-type:device_code";

    public static Task AllowAsync(PortalFactory factory, string clientId, params string[] grantTypes) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == clientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.AllowedGrantTypes, string.Join(' ', grantTypes))));

    public static async Task<string> CreateScopeAsync(PortalFactory factory, bool userOnly = false) =>
        await factory.WithScopeAsync(async s =>
        {
            var scope = (await s.GetRequiredService<ScopeCatalog>().CreateAsync(Unique.Name("machine"), "Do a machine thing")).Value!;
            await s.GetRequiredService<PortalDbContext>().Scopes.Where(x => x.Id == scope.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.UserOnly, userOnly));
            return scope.Name;
        });

    public static Task AddMachineScopesAsync(PortalFactory factory, string clientId, params string[] scopeNames) =>
        factory.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            var client = await db.Clients.Include(c => c.MachineScopes).SingleAsync(c => c.Id == clientId);
            client.MachineScopes.AddRange(await db.Scopes.Where(x => scopeNames.Contains(x.Name)).ToListAsync());
            await db.SaveChangesAsync();
        });
}
