using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MimeKit;
using OAuthPortal.Data;
using OAuthPortal.Identity.Email;
using OAuthPortal.OAuth;

namespace OAuthPortal.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>ASP.NET Core Identity with its default UI, roles, lockout and the portal's cookie rules.</summary>
    public static WebApplicationBuilder AddPortalIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EmailSettings>().BindConfiguration(EmailSettings.SectionName)
            .PostConfigure<IHostEnvironment>((email, environment) => email.PickupDirectory = string.IsNullOrWhiteSpace(email.PickupDirectory)
                ? null : Path.GetFullPath(email.PickupDirectory, environment.ContentRootPath))
            .Validate(e => !e.IsConfigured || MailboxAddress.TryParse(e.From ?? "", out _),
                "Portal:Email:From must be a valid sender address (e.g. \"OAuthPortal <no-reply@auth.example.com>\") when e-mail is configured.")
            .ValidateOnStart();
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.SectionName)
            .Validate(o => o.MaxFailedAccessAttempts > 0, "Portal:MaxFailedAccessAttempts must be greater than zero.")
            .Validate(o => o.MaxFailedAccessAttemptsPerAccount >= o.MaxFailedAccessAttempts,
                "Portal:MaxFailedAccessAttemptsPerAccount must be at least Portal:MaxFailedAccessAttempts.")
            .Validate(o => o.LockoutDuration > TimeSpan.Zero, "Portal:LockoutDuration must be greater than zero.")
            .Validate(o => o.SessionCheckInterval > TimeSpan.Zero && o.SessionCheckInterval <= TimeSpan.FromMinutes(5),
                "Portal:SessionCheckInterval must be greater than zero and at most 00:05:00.")
            .ValidateOnStart();
        services.AddOptions<PortalOptions>().Validate<IOptions<EmailSettings>>((portal, email) => !portal.RequireConfirmedAccount || email.Value.IsConfigured,
            "Portal:RequireConfirmedAccount needs e-mail: set Portal:Email (SmtpHost or PickupDirectory, and From).");

        // Keys in the database: sign-in cookies survive restarts and are shared by every instance.
        services.AddDataProtection().SetApplicationName("OAuthPortal").PersistKeysToDbContext<PortalDbContext>();

        services.AddDefaultIdentity<PortalUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddUserManager<PortalUserManager>();
        services.AddSingleton<IEmailSender, PortalEmailSender>(); // replaces Identity UI's sender, which sends nothing
        services.AddSingleton<EmailOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailOutbox>());
        services.AddScoped<FirstRunAdmin>();
        services.AddScoped<AccountRegistration>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<TrustedDevices>();
        services.AddScoped<SignInThrottle>();
        services.AddScoped<UserSessions>();
        services.AddScoped<UserProfiles>();
        services.AddMemoryCache();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<PasskeySignIn>();
        services.AddScoped<UserPasskeys>();
        services.AddOptions<IdentityPasskeyOptions>().Configure<IOptions<OAuthOptions>>(PasskeyRelyingParty.Configure);
        services.AddScoped<SecondFactor>();
        services.AddScoped<SignInAudit>();
        services.Configure<RazorPagesOptions>(pages => pages.Conventions.AddAreaFolderApplicationModelConvention("Admin", "/",
            model => model.Filters.Add(new RequireSecondFactorForAdmins())));

        services.AddOptions<IdentityOptions>().Configure<IOptions<PortalOptions>>((identity, portal) =>
        {
            identity.SignIn.RequireConfirmedAccount = portal.Value.RequireConfirmedAccount;
            identity.User.RequireUniqueEmail = true;
            identity.Stores.SchemaVersion = IdentitySchemaVersions.Version3; // passkeys (PortalDbContext says so too)
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = portal.Value.MaxFailedAccessAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = portal.Value.LockoutDuration;
        });

        // Role changes reach existing sessions within a minute (Identity's default is 30); ending a session (logout,
        // password change, lock) takes effect at once through the server-side session check.
        services.Configure<SecurityStampValidatorOptions>(stamp =>
        {
            stamp.ValidationInterval = TimeSpan.FromMinutes(1);
            stamp.OnRefreshingPrincipal = SessionCookie.KeepSessionClaim;
        });

        services.ConfigureApplicationCookie(cookie =>
        {
            SessionCookie.Attach(cookie.Events);
            // A signed-in user without the role gets a real 403 (rendered by the status-code page), not a redirect.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        // Sign-in and TempData cookies are HttpOnly, SameSite=Lax, and Secure whenever OAuth:RequireHttps is on (also
        // behind a TLS-terminating proxy that does not forward the scheme). The antiforgery cookie follows the request's
        // scheme: forcing Secure makes ASP.NET refuse to render any form over plain http.
        foreach (var scheme in new[] { IdentityConstants.ApplicationScheme, IdentityConstants.ExternalScheme,
                     IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme })
        {
            services.AddOptions<CookieAuthenticationOptions>(scheme)
                .Configure<IOptions<OAuthOptions>>((cookie, oauth) => Harden(cookie.Cookie, oauth.Value));
        }

        services.AddOptions<AntiforgeryOptions>().Configure(antiforgery =>
        {
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Lax;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.SuppressXFrameOptionsHeader = true; // SecurityHeaders sends DENY on every response
        });
        services.AddOptions<CookieTempDataProviderOptions>().Configure<IOptions<OAuthOptions>>((tempData, oauth) => Harden(tempData.Cookie, oauth.Value));
        return builder;
    }

    private static void Harden(CookieBuilder cookie, OAuthOptions oauth)
    {
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Lax;
        cookie.SecurePolicy = oauth.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }
}
