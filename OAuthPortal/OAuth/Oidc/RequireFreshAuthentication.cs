using OAuthPortal.OAuth.Http;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>
/// When an authorization request needs the user to sign in (again) first (OpenID Connect Core §3.1.2.1): no sign-in;
/// <c>prompt=login</c> or <c>select_account</c>; a sign-in older than <c>max_age</c>; or an <c>id_token_hint</c> naming
/// another user. With <c>prompt=none</c> the answer is <c>login_required</c> instead of a page.
/// </summary>
public static class RequireFreshAuthentication
{
    public static readonly OAuthError LoginRequired =
        new(OAuthErrorCodes.LoginRequired, "The user must sign in, and prompt=none does not allow it.");

    public static bool NeedsSignIn(OidcRequest request, SignedInUser? user, string? hintedSubject, DateTime now) =>
        user is null ||
        request.PromptLogin ||
        (request.MaxAge is { } maxAge && (user.AuthTime is not { } authTime || (now - authTime).TotalSeconds > maxAge)) ||
        (hintedSubject is not null && hintedSubject != user.UserId);

    /// <summary>
    /// The request to come back to after signing in: without <c>login</c> and <c>select_account</c>, <c>max_age</c>
    /// and <c>id_token_hint</c>, which the sign-in just answered (otherwise every return would ask again:
    /// <c>max_age=0</c> can never be met by a sign-in that took any time, and whoever signs in instead of the hinted user
    /// would be asked forever). The id_token's <c>auth_time</c> and <c>sub</c> tell the client what happened. (Nothing
    /// is lost: whoever holds the browser could always have sent the request without them.)
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> AfterSignIn(ProtocolParameters parameters)
    {
        foreach (var parameter in parameters.All)
        {
            if (parameter.Key is P.MaxAge or P.IdTokenHint)
            {
                continue;
            }

            if (parameter.Key != P.Prompt)
            {
                yield return parameter;
                continue;
            }

            var rest = parameter.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(v => v is not (P.PromptLogin or P.PromptSelectAccount)).ToList();
            if (rest.Count > 0)
            {
                yield return new(P.Prompt, string.Join(' ', rest));
            }
        }
    }
}
