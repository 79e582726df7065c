using Microsoft.AspNetCore.WebUtilities;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>
/// OpenID Connect <c>login_hint</c> (Core §3.1.2.1): the login page pre-fills the e-mail field with it when it returns
/// to an authorization request that carries one. Only a hint: nothing is decided by it.
/// </summary>
public static class LoginHint
{
    private const int MaxLength = 256;

    /// <summary>The hint of the authorization request <paramref name="returnUrl"/> leads back to, or null.</summary>
    public static string? FromReturnUrl(string? returnUrl)
    {
        var prefix = AuthorizationServerMetadata.AuthorizationPath + "?";
        if (returnUrl is null || !returnUrl.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var hints = QueryHelpers.ParseQuery(returnUrl[prefix.Length..]).GetValueOrDefault(OAuthParameterNames.LoginHint);
        return hints.Count == 1 && hints[0] is { Length: > 0 and <= MaxLength } hint && !hint.Any(char.IsControl) ? hint.Trim() : null;
    }
}
