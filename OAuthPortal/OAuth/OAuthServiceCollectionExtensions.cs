using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OAuthPortal.OAuth.Authorization;
using OAuthPortal.OAuth.Bearer;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Device;
using OAuthPortal.OAuth.Dpop;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Oidc.Keys;
using OAuthPortal.OAuth.Oidc.Logout;
using OAuthPortal.OAuth.Scopes;
using OAuthPortal.OAuth.Token;
using OAuthPortal.OAuth.Token.Grants;

namespace OAuthPortal.OAuth;

public static class OAuthServiceCollectionExtensions
{
    /// <summary>The protocol core: options (validated at start-up), clock, the rooms' services and the grant types.</summary>
    public static WebApplicationBuilder AddOAuthCore(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OAuthOptions>().BindConfiguration(OAuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OAuthOptions>, OAuthOptionsValidator>();
        // OAuth:Registration:Mode unset: programs register with an initial access token in Development, not at all elsewhere.
        var development = builder.Environment.IsDevelopment();
        services.PostConfigure<OAuthOptions>(o => o.Registration.Mode ??= development ? Registration.RegistrationMode.InitialAccessToken : Registration.RegistrationMode.Disabled);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OAuthIssuer>();
        services.AddScoped<ScopeLinks>();
        services.AddScoped<RequestedScopes>();

        // Clients/ and Authorization/
        services.AddSingleton<RedirectUriPolicy>();
        services.AddSingleton<ClientRegistrationRules>();
        services.AddScoped<RequireMachineScopes>();
        services.AddScoped<ClientAuthenticator>();
        services.AddScoped<ClientAssertionValidator>();
        services.AddSingleton<ClientJwks>();
        // A client's jwks_uri (private_key_jwt): like the back-channel logout client below, public addresses only, no
        // proxy, no redirects, no cookies; and a short timeout, as a token request waits for it.
        services.AddHttpClient(ClientJwks.HttpClientName, http => http.Timeout = ClientJwks.FetchTimeout)
            .ConfigurePrimaryHttpMessageHandler(PublicAddressesOnly);
        services.AddScoped<AuthorizationRequestValidator>();
        services.AddScoped<ResolvePushedRequest>();
        services.AddScoped<PushedAuthorizationIssuer>();
        services.AddScoped<Registration.InitialAccessTokens>();
        services.AddScoped<AuthorizationCodeIssuer>();
        services.AddScoped<RememberedConsent>();
        services.AddScoped<AuthorizationDecisions>();

        // Token/: the endpoint, one line per grant type, and the endpoints beside it.
        services.AddScoped<TokenGrantRegistry>();
        services.AddTokenGrant<AuthorizationCodeGrant>();
        services.AddTokenGrant<RefreshTokenGrant>();
        services.AddTokenGrant<ClientCredentialsGrant>();
        services.AddTokenGrant<DeviceCodeGrant>();
        services.AddScoped<TokenIssuer>();
        services.AddScoped<GrantFamily>();
        services.AddScoped<RejectReplay>();
        services.AddScoped<TokenLookup>();
        services.AddScoped<TokenRevoker>();
        services.AddScoped<TokenIntrospector>();
        services.AddScoped<TokenPruner>();

        // Dpop/: sender-constrained tokens (RFC 9449).
        services.AddSingleton<DpopNonces>();
        services.AddSingleton<IDpopProofValidator, DpopProofValidator>();
        services.AddScoped<OneTimeDpopProofs>();
        services.AddScoped<RequireDpopProof>();
        services.AddScoped<RequireProofOfPossession>();
        services.AddScoped<OAuthPortal.OAuth.Secrets.OneTimeJwtIds>();

        // Device/: the device authorization endpoint's work and the device page's (RFC 8628).
        services.AddScoped<DeviceAuthorizationIssuer>();
        services.AddScoped<DeviceVerification>();
        services.AddScoped<LimitUserCodeGuesses>();

        // Bearer/: protected resources (RFC 6750): the authenticator, its entry points, and the scope declarations.
        services.AddScoped<AccessTokenAuthenticator>();
        services.AddSingleton<Resources.RequestResource>();
        services.AddScoped<Resources.ResolveResourceIndicators>();
        services.AddSingleton<Resources.ResourceUriPolicy>();
        services.AddSingleton<BearerChallenge>();
        services.AddScoped<BearerGate>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(mvc => mvc.Filters.Add(new OAuthScopeFilter()));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, BearerAuthorizationResultHandler>();
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerAuthenticationHandler>(
            BearerScheme.Name, null);
        services.AddHttpContextAccessor();

        // Oidc/
        services.AddScoped<UserClaims>();
        services.AddScoped<IdTokenIssuer>();
        services.AddSingleton<JwtSigner>();
        services.AddScoped<IdTokenHintReader>();
        services.AddScoped<EndSessionRequestValidator>();
        services.AddScoped<BackchannelLogout>();
        services.AddSingleton<BackchannelLogoutQueue>();
        services.AddHostedService<BackchannelLogoutSender>();
        // Server to server: public addresses only, no proxy (it would connect for us), no redirects followed (a logout URI
        // must answer itself), no cookies kept.
        services.AddHttpClient(BackchannelLogoutSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(PublicAddressesOnly);

        // Oidc/Keys/: the signing-key ring (shared through the database), its changes, and its background check on every
        // instance (it runs only when the portal serves: the CLI never starts the host).
        services.TryAddSingleton<SigningKeyGenerator>();
        services.AddSingleton<SigningKeyMaterial>();
        services.AddSingleton<SigningKeyRing>();
        services.AddScoped<SigningKeyRotation>();
        services.AddScoped<SigningKeyRemoval>();
        services.AddSingleton<SigningKeyMaintenance>();
        services.AddHostedService(sp => sp.GetRequiredService<SigningKeyMaintenance>());

        // Events/
        services.AddSingleton<LoggingOAuthEvents>();
        services.TryAddSingleton<IOAuthEvents, AuditingOAuthEvents>();
        services.TryAddSingleton<PortalMetrics>();
        return builder;
    }

    /// <summary>The handler of server-to-server calls to URIs a developer chose (<see cref="RequirePublicAddress"/>).</summary>
    private static HttpMessageHandler PublicAddressesOnly(IServiceProvider provider)
    {
        var allowPrivate = !provider.GetRequiredService<IOptions<OAuthOptions>>().Value.RequireHttps;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false, UseCookies = false, UseProxy = false,
            ConnectCallback = (context, cancellationToken) => RequirePublicAddress.ConnectAsync(context.DnsEndPoint, allowPrivate, cancellationToken),
        };
    }
}
