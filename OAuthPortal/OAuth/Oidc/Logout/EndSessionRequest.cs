using OAuthPortal.Data;
using OAuthPortal.OAuth.Authorization;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Oidc.Logout;

/// <summary>
/// A logout request at the end-session endpoint, checked: the client it names (by <c>client_id</c> or the hint's
/// audience), the post-logout redirect URI only if registered for it, the <c>state</c> to return, and the hint.
/// </summary>
public sealed record EndSessionRequest(Client? Client, string? PostLogoutRedirectUri, string? State, IdTokenHint? Hint, bool UnregisteredRedirectUri)
{
    /// <summary>
    /// Signed out and sent back without a question: a valid hint naming the signed-in user (or nobody is signed in)
    /// and a registered URI. Anything less gets the confirmation page.
    /// </summary>
    public bool MaySkipConfirmation(string? signedInUserId) =>
        Hint is not null && PostLogoutRedirectUri is not null && (signedInUserId is null || Hint.Subject == signedInUserId);

    /// <summary>Where to send the user after logging out, with <c>state</c>; null: stay on the portal.</summary>
    public string? ReturnLocation =>
        PostLogoutRedirectUri is null ? null : AuthorizationResponse.AppendParameters(PostLogoutRedirectUri, [(P.State, State)]);
}
