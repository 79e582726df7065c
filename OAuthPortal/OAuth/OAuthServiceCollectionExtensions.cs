using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
        return builder;
    }
}
