using System.Security.Claims;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.Identity;

/// <summary>
/// The audit of an account's own events: sign-ins (recorded in one place for every way of signing in, the sign-in
/// cookie's <c>OnSigningIn</c>: see <see cref="SessionCookie"/>), failed sign-ins and lockouts, registration and
/// second-factor changes. The audit log is for admins: it may name the account behind a failed sign-in, which the
/// person signing in is never told.
/// </summary>
public sealed class SignInAudit(IOAuthEvents events)
{
    private const string RecoveryCodeItem = "OAuthPortal.SignInAudit.RecoveryCode";

    /// <summary>Marks this request's sign-in as made with a recovery code (its amr is that of any one-time code: the audit tells them apart).</summary>
    public static void MarkRecoveryCode(HttpContext http) => http.Items[RecoveryCodeItem] = true;

    /// <summary>A fresh sign-in: the details name its methods as the id_token's amr does (e.g. "pwd mfa otp").</summary>
    public Task SignedInAsync(HttpContext http, ClaimsPrincipal principal)
    {
        if (SignedInUser.From(principal) is not { } signedIn)
        {
            return Task.CompletedTask;
        }

        var email = principal.FindFirstValue(ClaimTypes.Email) ?? principal.Identity?.Name ?? signedIn.UserId;
        var methods = string.Join(' ', signedIn.Methods) + (http.Items.ContainsKey(RecoveryCodeItem) ? " (recovery code)" : "");
        return events.UserChangedAsync(new UserChangedEvent(signedIn.UserId, email, UserChange.SignedIn, email, methods));
    }

    /// <summary>A refused sign-in; <paramref name="user"/> is null when the address typed has no account.</summary>
    public Task FailedAsync(PortalUser? user, string typedEmail, string reason) =>
        events.UserChangedAsync(user is null
            ? new UserChangedEvent("", "", UserChange.SignInFailed, "anonymous", $"{reason} (no account for {typedEmail})")
            : new UserChangedEvent(user.Id, user.Email ?? "", UserChange.SignInFailed, "anonymous", reason));

    /// <summary>This failure locked sign-in for a while.</summary>
    public Task LockedOutAsync(PortalUser? user, string typedEmail, string reason) =>
        events.UserChangedAsync(user is null
            ? new UserChangedEvent("", "", UserChange.LockedOut, "anonymous", $"{reason} (no account for {typedEmail})")
            : new UserChangedEvent(user.Id, user.Email ?? "", UserChange.LockedOut, "anonymous", reason));

    /// <summary>The user changed their own account (registered, second factor on or off, new recovery codes, authenticator reset).</summary>
    public Task ChangedAsync(PortalUser user, UserChange change, string details = "") =>
        events.UserChangedAsync(new UserChangedEvent(user.Id, user.Email ?? "", change, user.Email ?? user.Id, details));
}
