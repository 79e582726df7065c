namespace OAuthPortal.OAuth.Bearer;

/// <summary>Minimal APIs: <c>app.MapGet(...).RequireOAuthScope("foo", "bar")</c>, and reading the validated token.</summary>
public static class OAuthScopeEndpointExtensions
{
    /// <summary>After UseRouting: enforces the scope declarations of the matched endpoint.</summary>
    public static IApplicationBuilder UseOAuthScopes(this IApplicationBuilder app) => app.UseMiddleware<OAuthScopeMiddleware>();

    /// <summary>
    /// Declares the scopes (metadata, enforced by <see cref="UseOAuthScopes"/> before parameters are bound) and adds a
    /// filter that checks them again, so that an endpoint mapped where the middleware is missing is still protected.
    /// </summary>
    public static TBuilder RequireOAuthScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new OAuthScopeAttribute(scopes));
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            // Declarations on a group and on its endpoint add up: each filter checks the whole set, unless the
            // middleware has already enforced it for this request.
            var context = invocation.HttpContext;
            if (EndpointScopesAdmitted.For(context))
            {
                return await next(invocation);
            }

            var required = OAuthScopeAttribute.Union(context.GetEndpoint()?.Metadata.GetOrderedMetadata<OAuthScopeAttribute>() ?? []) ?? [];
            return await context.RequestServices.GetRequiredService<BearerGate>().AdmitAsync(context, required)
                ? await next(invocation)
                : Results.Empty;
        });
        return builder;
    }

    /// <summary>The access token validated for this request by an OAuth scope declaration, or null.</summary>
    public static OAuthAccessToken? GetOAuthAccessToken(this HttpContext context) => context.Features.Get<OAuthAccessToken>();
}
