using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OAuthPortal.Identity;
using OAuthPortal.Identity.Email;

namespace OAuthPortal.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's lockout page ("try again later"): says how long (from the end of the lock the login page
/// met, rounded for people), why, and what to do, and links back to sign in. The same page for every e-mail address,
/// with or without an account (<see cref="SignInThrottle"/> locks both alike).
/// </summary>
[AllowAnonymous]
public sealed class LockoutModel(IOptions<PortalOptions> options, IOptions<EmailSettings> email, TimeProvider clock) : PageModel
{
    /// <summary>The TempData entry in which the login page leaves the end of the lock (a UTC DateTime).</summary>
    public const string LockedUntilKey = "LockedUntil";

    /// <summary>How long until the lock ends, in words; or how long a pause lasts when the page does not know the lock.</summary>
    public string Duration { get; private set; } = "";

    /// <summary>When the lock the login page met ends; null when unknown (an administrator's lock, or the page opened by itself).</summary>
    public DateTime? LockedUntil { get; private set; }

    /// <summary>A reset link can be e-mailed, and a reset lifts the account-wide pause.</summary>
    public bool CanResetPassword => email.Value.IsConfigured;

    public void OnGet()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // TempData's serializer gives a DateTime back (as any string that reads as one).
        if (TempData.Peek(LockedUntilKey) is DateTime until && until > now)
        {
            LockedUntil = until;
            Duration = LockoutWait.Describe(until - now);
        }
        else
        {
            Duration = LockoutWait.Describe(options.Value.LockoutDuration);
        }
    }
}
