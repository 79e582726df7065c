namespace OAuthPortal.OAuth.Bearer;

/// <summary>
/// Request feature set by <see cref="OAuthScopeMiddleware"/> once the matched endpoint's scope declarations have been
/// enforced, so the filters behind it do not pass the request through <see cref="BearerGate"/> a second time.
/// </summary>
public sealed class EndpointScopesAdmitted
{
    public static readonly EndpointScopesAdmitted Instance = new();

    private EndpointScopesAdmitted()
    {
    }

    public static bool For(HttpContext context) => context.Features.Get<EndpointScopesAdmitted>() is not null;
}
