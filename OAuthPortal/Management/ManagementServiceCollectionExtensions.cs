using OAuthPortal.Management.Apps;
using OAuthPortal.Management.Audit;
using OAuthPortal.Management.Clients;
using OAuthPortal.Management.Registration;
using OAuthPortal.Management.Scopes;
using OAuthPortal.Management.Tokens;
using OAuthPortal.Management.Users;

namespace OAuthPortal.Management;

public static class ManagementServiceCollectionExtensions
{
    /// <summary>What the admin, developer and My-apps screens and the CLI do, over the protocol core and the data.</summary>
    public static WebApplicationBuilder AddPortalManagement(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ClientRegistrar>();
        services.AddScoped<Registration.DynamicClientRegistrations>();
        services.AddScoped<ClientCatalog>();
        services.AddScoped<ClientManager>();
        services.AddScoped<ClientRedirectUris>();
        services.AddScoped<OneTimeSecrets>();
        services.AddScoped<RegistrationTokenCatalog>();
        services.AddScoped<ScopeCatalog>();
        services.AddScoped<Resources.ResourceCatalog>();
        services.AddScoped<TokenAdministration>();
        services.AddScoped<AuthorizedApps>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<UserPasswords>();
        services.AddScoped<UserCreation>();
        services.AddScoped<UserSignOut>();
        services.AddScoped<AuditLog>();
        services.AddScoped<Dashboard>();
        return builder;
    }
}
