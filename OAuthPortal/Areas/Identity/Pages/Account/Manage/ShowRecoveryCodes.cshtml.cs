using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OAuthPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's page: the new recovery codes, handed over once from the POST that made them (TempData, read
/// once), never cached; only their hashes stay in the database. A reload shows nothing.
/// </summary>
[Authorize]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ShowRecoveryCodesModel : PageModel
{
    public const string TempDataKey = "OAuthPortal.RecoveryCodes";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    /// <summary>Where "Continue" goes: the local page that sent the user to set up a second factor, or the two-factor page.</summary>
    public string? ReturnUrl { get; private set; }

    public IActionResult OnGet(string? returnUrl = null)
    {
        if (TempData[TempDataKey] is not string[] { Length: > 0 } codes)
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }

        RecoveryCodes = codes;
        ReturnUrl = returnUrl;
        return Page();
    }
}
