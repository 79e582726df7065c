namespace OAuthPortal.OAuth.Token;

public static class TokenGrantServiceCollectionExtensions
{
    /// <summary>Plugs a grant type into the token endpoint (and its metadata): one call per grant, in composition code.</summary>
    public static IServiceCollection AddTokenGrant<TGrant>(this IServiceCollection services) where TGrant : class, ITokenGrant =>
        services.AddScoped<ITokenGrant, TGrant>();
}
