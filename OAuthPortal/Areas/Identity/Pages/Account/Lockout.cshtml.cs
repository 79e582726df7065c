using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OAuthPortal.Identity;
using OAuthPortal.Identity.Email;

namespace OAuthPortal.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's lockout page ("try again later"): says how long, why, and what to do. The same page for every
/// e-mail address, with or without an account (<see cref="SignInThrottle"/>).
/// </summary>
[AllowAnonymous]
public sealed class LockoutModel(IOptions<PortalOptions> options, IOptions<EmailSettings> email) : PageModel
{
    public string Duration { get; private set; } = "";

    /// <summary>A reset link can be e-mailed, and a reset lifts the account-wide pause.</summary>
    public bool CanResetPassword => email.Value.IsConfigured;

    public void OnGet()
    {
        var duration = options.Value.LockoutDuration;
        Duration = duration.TotalMinutes >= 2 ? $"{Math.Ceiling(duration.TotalMinutes):0} minutes" : $"{Math.Ceiling(duration.TotalSeconds):0} seconds";
    }
}
