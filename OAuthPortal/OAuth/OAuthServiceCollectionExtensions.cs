using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OAuthPortal.Management.Audit;
using OAuthPortal.Management.Clients;
using OAuthPortal.Management.Scopes;
using OAuthPortal.Management.Tokens;
using OAuthPortal.OAuth.Authorization;
using OAuthPortal.OAuth.Bearer;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Discovery;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Scopes;
using OAuthPortal.OAuth.Token;
using OAuthPortal.OAuth.Token.Grants;

namespace OAuthPortal.OAuth;

public static class OAuthServiceCollectionExtensions
{
    /// <summary>The protocol core: options (validated at start-up), clock and the core services.</summary>
    public static WebApplicationBuilder AddOAuthCore(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OAuthOptions>().BindConfiguration(OAuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OAuthOptions>, OAuthOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<RedirectUriPolicy>();
        services.AddScoped<ClientRegistrar>();
        services.AddScoped<ScopeCatalog>();
        services.AddScoped<ClientCatalog>();
        services.AddScoped<ClientManager>();
        services.AddScoped<TokenAdministration>();
        services.AddScoped<AuditLog>();
        services.AddScoped<Dashboard>();
        services.AddScoped<TokenPruner>();
        services.AddSingleton<OAuthIssuer>();
        services.AddScoped<AuthorizationRequestValidator>();
        services.AddScoped<AuthorizationCodeIssuer>();
        services.AddScoped<ConsentStore>();
        services.AddScoped<AuthorizationDecisions>();
        services.AddScoped<ClientAuthenticator>();
        services.AddScoped<TokenIssuer>();
        services.AddScoped<ScopeLinks>();
        services.AddScoped<TokenFamily>();
        services.AddScoped<AuthorizationCodeGrant>();
        services.AddScoped<RefreshTokenGrant>();
        services.AddScoped<TokenRequestHandler>();
        services.AddScoped<TokenLookup>();
        services.AddScoped<TokenRevoker>();
        services.AddScoped<TokenIntrospector>();

        // Protected resources (RFC 6750): the authenticator, its two entry points, and the scope declarations.
        services.AddScoped<AccessTokenAuthenticator>();
        services.AddSingleton<BearerChallenge>();
        services.AddScoped<BearerGate>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(mvc => mvc.Filters.Add(new OAuthScopeFilter()));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, BearerAuthorizationResultHandler>();
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerAuthenticationHandler>(
            BearerAuthenticationHandler.SchemeName, null);
        services.AddHttpContextAccessor();
        services.AddSingleton<LoggingOAuthEvents>();
        services.TryAddSingleton<IOAuthEvents, AuditingOAuthEvents>();
        return builder;
    }
}
