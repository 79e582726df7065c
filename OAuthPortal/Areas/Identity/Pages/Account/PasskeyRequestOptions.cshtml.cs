using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using OAuthPortal.Identity;

namespace OAuthPortal.Areas.Identity.Pages.Account;

/// <summary>
/// A passkey challenge for the login page (JSON for <c>navigator.credentials.get()</c>; any account). The login page
/// asks for one every time it opens (conditional UI), and a challenge checks no password: not counted against the
/// login rate limit, unlike the sign-in itself (<see cref="LoginWithPasskeyModel"/>). POST only, with the antiforgery token.
/// </summary>
[AllowAnonymous]
[DisableRateLimiting]
public sealed class PasskeyRequestOptionsModel(PasskeySignIn passkeys) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        Response.Headers.CacheControl = "no-store";
        return Content(await passkeys.RequestOptionsAsync(), "application/json");
    }
}
