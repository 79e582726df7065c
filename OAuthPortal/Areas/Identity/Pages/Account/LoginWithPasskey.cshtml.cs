using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Identity;

namespace OAuthPortal.Areas.Identity.Pages.Account;

/// <summary>
/// The passkey half of the login page: after <see cref="PasskeyRequestOptionsModel"/> handed the browser a challenge
/// (any account: discoverable passkeys), the POST takes what <c>navigator.credentials.get()</c> returned (or the
/// browser's error) and signs in through <see cref="PasskeySignIn"/>. Failures are shown here with a way back to the password form.
/// </summary>
[AllowAnonymous]
public sealed class LoginWithPasskeyModel(PasskeySignIn passkeys, ILogger<LoginWithPasskeyModel> logger) : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public string? Message { get; private set; }

    public IActionResult OnGet(string? returnUrl = null) => RedirectToPage("./Login", new { returnUrl });

    public async Task<IActionResult> OnPostAsync(string? credentialJson, string? error, string? returnUrl = null)
    {
        ReturnUrl = returnUrl ?? Url.Content("~/");
        var outcome = await passkeys.SignInAsync(HttpContext, credentialJson, error);
        switch (outcome)
        {
            case PasskeySignInOutcome.SignedIn:
                logger.LogInformation("User signed in with a passkey.");
                return LocalRedirect(ReturnUrl);
            case PasskeySignInOutcome.LockedOut:
                logger.LogWarning("Passkey sign-in refused: locked out.");
                return RedirectToPage("./Lockout");
            default:
                logger.LogInformation("Passkey sign-in failed: {Outcome}.", outcome);
                Message = PasskeySignIn.Describe(outcome);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }
}
