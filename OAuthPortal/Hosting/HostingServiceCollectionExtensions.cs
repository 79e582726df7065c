using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OAuthPortal.Data;
using OAuthPortal.Management.Security;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.Hosting;

public static class HostingServiceCollectionExtensions
{
    /// <summary>Razor Pages with the portal's authorization conventions, forwarded headers, HSTS.</summary>
    public static WebApplicationBuilder AddPortalUi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthorizationBuilder().AddPolicy(PortalRoles.Admin, policy => policy.RequireRole(PortalRoles.Admin));
        services.AddRazorPages(options =>
        {
            // Who may see what, in one place.
            options.Conventions.AuthorizeFolder("/Account");
            options.Conventions.AuthorizeFolder("/Device");
            options.Conventions.AuthorizeAreaFolder("Developer", "/");
            options.Conventions.AuthorizeAreaFolder("Admin", "/", PortalRoles.Admin);
            // One metadata document at both addresses (RFC 8414 and OpenID Connect Discovery), so they always agree.
            options.Conventions.AddPageRoute("/OAuth2/Metadata", AuthorizationServerMetadata.OpenIdConfigurationPath.TrimStart('/'));
            // Every account form (login, register, password changes, account deletion) takes a password or creates an
            // account: their POSTs are rate-limited per IP address, and refused over plain HTTP when HTTPS is required.
            options.Conventions.AddAreaFolderApplicationModelConvention("Identity", "/", model =>
            {
                model.EndpointMetadata.Add(new EnableRateLimitingAttribute(PortalRateLimits.LoginPolicy));
                model.Filters.Add(new ServiceFilterAttribute(typeof(AccountFormsRequireHttpsFilter)));
            });
        }).AddMvcOptions(options =>
        {
            // Which fields are required is a core rule (e.g. a client's name), not an accident of nullability.
            options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            options.Filters.Add<LocalReturnUrlFilter>();
            options.Filters.Add<IdentityBadInputFilter>();
            options.Filters.Add<RequireHandlerForMethod>();
            options.ModelBinderProviders.Insert(0, new BrowserBooleanBinder.Provider());
            // jQuery-style keys (a[b]=1 for a.b) are never posted by the portal's forms, and that parser throws on an
            // unmatched '[' (a[=1), which made any form POST a 500. Keys are read as sent.
            options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
            options.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
        });

        // Kestrel's limits (body size, request line, headers, timeouts) from section "Kestrel:Limits" of appsettings.json.
        services.Configure<KestrelServerOptions>(builder.Configuration.GetSection("Kestrel"));

        services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = RequestLimits.FormFields;
            form.KeyLengthLimit = RequestLimits.FormKeyLength;
            form.ValueLengthLimit = RequestLimits.FormValueLength;
            form.MultipartBodyLengthLimit = RequestLimits.MultipartBodyBytes;
            form.MultipartHeadersLengthLimit = 8 * 1024;
        });
        services.AddPortalCors();
        services.AddPortalHealth();
        services.AddHostedService<PruningService>(); // runs only when the portal serves (the CLI never starts the host)
        services.AddSingleton<ISecurityPosture, SecurityPosture>();
        services.AddSingleton<AccountFormsRequireHttpsFilter>();
        services.AddPortalRateLimits(builder.Configuration.GetSection(RateLimitSettings.SectionName).Get<RateLimitSettings>() ?? new());

        var forwarded = builder.Configuration.GetSection(ForwardedHeadersSettings.SectionName).Get<ForwardedHeadersSettings>() ?? new();
        services.AddSingleton(forwarded);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = forwarded.ForwardLimit;
            foreach (var proxy in forwarded.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"{ForwardedHeadersSettings.SectionName}:KnownProxies: '{proxy}' is not an IP address."));
            }

            foreach (var network in forwarded.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                    : throw new InvalidOperationException($"{ForwardedHeadersSettings.SectionName}:KnownNetworks: '{network}' is not a CIDR network."));
            }
        });
        return builder;
    }
}
