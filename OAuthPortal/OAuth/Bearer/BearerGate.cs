using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace OAuthPortal.OAuth.Bearer;

/// <summary>
/// The one place the three declaration styles (<see cref="OAuthScopeAttribute"/> on MVC actions and Razor Page
/// handlers, <c>RequireOAuthScope</c> on minimal APIs) meet the authenticator: validate, then either store the token
/// as a request feature or write the error.
/// </summary>
public sealed class BearerGate(
    AccessTokenAuthenticator authenticator, BearerChallenge challenge, Resources.RequestResource resource, IOptions<OAuthOptions> options)
{
    /// <summary>
    /// True when the request may proceed; otherwise the response has been written. A token already validated for this
    /// request (by another declaration or the Bearer scheme) is not looked up again, but its scopes are still checked.
    /// </summary>
    public async Task<bool> AdmitAsync(HttpContext context, IReadOnlyCollection<string> requiredScopes)
    {
        var endpoint = context.GetEndpoint()?.DisplayName ?? context.Request.Path.ToString();
        if (context.Features.Get<OAuthAccessToken>() is { } validated)
        {
            var missing = requiredScopes.Where(s => !validated.HasScope(s)).ToList();
            if (missing.Count == 0)
            {
                return true;
            }

            await challenge.WriteAsync(context, await authenticator.InsufficientScopeAsync(validated.UserId, missing, requiredScopes, endpoint, context.RequestAborted));
            return false;
        }

        var request = await RequireBearerTokenInHeaderOrBody.ReadRequestAsync(context, options.Value.AllowFormBodyBearer) with { Resource = resource.Of(context) };
        var (token, error) = await authenticator.ValidateAsync(request, requiredScopes, endpoint, context.RequestAborted);
        if (token is not null)
        {
            context.Features.Set(token);
            return true;
        }

        await challenge.WriteAsync(context, error!);
        return false;
    }
}
