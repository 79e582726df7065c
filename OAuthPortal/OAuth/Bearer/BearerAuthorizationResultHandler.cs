using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace OAuthPortal.OAuth.Bearer;

/// <summary>
/// When a policy that uses the Bearer scheme fails on <c>scope</c> claims, tells the scheme which scopes were needed,
/// so the 403 names them (RFC 6750 §3.1 <c>scope</c> attribute) like the <see cref="OAuthScopeAttribute"/> does.
/// </summary>
public sealed class BearerAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || !policy.AuthenticationSchemes.Contains(BearerScheme.Name) ||
            authorizeResult.AuthorizationFailure is not { } failure)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var scopes = failure.FailedRequirements.OfType<ClaimsAuthorizationRequirement>()
            .Where(r => r.ClaimType == BearerScheme.ScopeClaim)
            .SelectMany(r => r.AllowedValues ?? [])
            .Distinct(StringComparer.Ordinal);
        var properties = new AuthenticationProperties();
        properties.Items[BearerScheme.RequiredScopesItem] = string.Join(' ', scopes);
        return context.ForbidAsync(BearerScheme.Name, properties);
    }
}
