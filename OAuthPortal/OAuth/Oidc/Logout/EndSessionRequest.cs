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
    /// Signed out and sent back without a question: a registered URI and a valid hint from this very sign-in (its
    /// <c>sub</c> and <c>sid</c>), or, when nobody is signed in, any valid hint. An older id_token of the same user
    /// (hints travel in URLs and leak) or anything less gets the confirmation page.
    /// </summary>
    public bool MaySkipConfirmation(SignedInUser? user) =>
        Hint is not null && PostLogoutRedirectUri is not null &&
        (user is null || (Hint.Subject == user.UserId && Hint.SessionId is not null && Hint.SessionId == user.SessionId));

    /// <summary>Where to send the user after logging out, with <c>state</c>; null: stay on the portal.</summary>
    public string? ReturnLocation =>
        PostLogoutRedirectUri is null ? null : AuthorizationResponse.AppendParameters(PostLogoutRedirectUri, [(P.State, State)]);
}
