using System.Reflection;

namespace OAuthPortal.OAuth.Bearer;

/// <summary>
/// A validated access token, handed to protected endpoints (djoauth2's decorator passed it as the first argument).
/// Bind it as an endpoint parameter in minimal APIs, or read it with <c>HttpContext.GetOAuthAccessToken()</c>.
/// </summary>
/// <param name="UserId">The user the token acts for; null for a token without a user (client_credentials).</param>
public sealed record OAuthAccessToken(long TokenId, string? UserId, string ClientId, IReadOnlyList<string> Scopes, DateTime ExpiresAt)
    : IBindableFromHttpContext<OAuthAccessToken>
{
    public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);

    /// <summary>Minimal APIs: the token validated by <c>RequireOAuthScope</c> for this request.</summary>
    public static ValueTask<OAuthAccessToken?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult(context.Features.Get<OAuthAccessToken>());
}
