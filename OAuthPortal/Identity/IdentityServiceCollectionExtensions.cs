using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;

namespace OAuthPortal.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>ASP.NET Core Identity with its default UI, roles, lockout and the portal's cookie rules.</summary>
    public static WebApplicationBuilder AddPortalIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.SectionName)
            .Validate(o => o.MaxFailedAccessAttempts > 0, "Portal:MaxFailedAccessAttempts must be greater than zero.")
            .Validate(o => o.LockoutDuration > TimeSpan.Zero, "Portal:LockoutDuration must be greater than zero.")
            .ValidateOnStart();

        // Keys in the database: sign-in cookies survive restarts and are shared by every instance.
        services.AddDataProtection().SetApplicationName("OAuthPortal").PersistKeysToDbContext<PortalDbContext>();

        services.AddDefaultIdentity<PortalUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddUserManager<PortalUserManager>();

        services.AddOptions<IdentityOptions>().Configure<IOptions<PortalOptions>>((identity, portal) =>
        {
            identity.SignIn.RequireConfirmedAccount = portal.Value.RequireConfirmedAccount;
            identity.User.RequireUniqueEmail = true;
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = portal.Value.MaxFailedAccessAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = portal.Value.LockoutDuration;
        });

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // A signed-in user without the role gets a real 403 (rendered by the status-code page), not a redirect.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        return builder;
    }
}
