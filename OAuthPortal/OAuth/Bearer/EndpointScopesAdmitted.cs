namespace OAuthPortal.OAuth.Bearer;

/// <summary>
/// Request feature set by <see cref="OAuthScopeMiddleware"/> once the matched endpoint's scope declarations have been
/// enforced, so the filters behind it do not pass the request through <see cref="BearerGate"/> a second time. It
/// names the endpoint it admitted: a request re-executed to another endpoint (an error page) is not covered by it.
/// </summary>
public sealed class EndpointScopesAdmitted(Endpoint endpoint)
{
    public Endpoint Endpoint { get; } = endpoint;

    public static void Set(HttpContext context, Endpoint endpoint) => context.Features.Set(new EndpointScopesAdmitted(endpoint));

    public static bool For(HttpContext context) =>
        context.Features.Get<EndpointScopesAdmitted>() is { } admitted && ReferenceEquals(admitted.Endpoint, context.GetEndpoint());
}
