namespace OAuthPortal.OAuth.Bearer;

/// <summary>
/// Enforces every <see cref="OAuthScopeAttribute"/> in the matched endpoint's metadata (minimal APIs, MVC controllers
/// and actions, Razor Page models) before the endpoint runs, so that an <see cref="OAuthAccessToken"/> parameter can
/// be bound. Handler-method attributes on Razor Pages are enforced by <see cref="OAuthScopeFilter"/>.
/// </summary>
public sealed class OAuthScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var declarations = endpoint?.Metadata.GetOrderedMetadata<OAuthScopeAttribute>();
        if (declarations is not { Count: > 0 })
        {
            await next(context);
            return;
        }

        if (await context.RequestServices.GetRequiredService<BearerGate>().AdmitAsync(context, OAuthScopeAttribute.Union(declarations)!))
        {
            EndpointScopesAdmitted.Set(context, endpoint!);
            await next(context);
        }
    }
}
