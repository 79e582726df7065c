using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.OAuth.Events;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's page: the authenticator key as a QR code drawn on the server (<see cref="AuthenticatorQrCode"/>)
/// and in groups to type, and the first code to prove the app has it. The first set-up hands out recovery codes; an
/// administrator sent here by <see cref="RequireSecondFactorForAdmins"/> goes back to the admin page afterwards.
/// The key is a secret: the page is never cached.
/// </summary>
[Authorize]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class EnableAuthenticatorModel(
    UserManager<PortalUser> users, SignInManager<PortalUser> signIn, SecondFactor secondFactor, SignInAudit audit, IOptions<PortalOptions> options)
    : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string SharedKey { get; private set; } = "";

    public string QrCodeSvg { get; private set; } = "";

    /// <summary>A local URL to go back to afterwards (the admin page that sent the user here); null for none.</summary>
    public string? ReturnUrl { get; private set; }

    /// <summary>An administrator who must have a second factor (Portal:RequireTwoFactorForAdmins) and has none.</summary>
    public bool AdminMustSetUp { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit code your app shows."), StringLength(7, MinimumLength = 6, ErrorMessage = "The code has 6 digits.")]
        [DataType(DataType.Text), Display(Name = "Code from the app")]
        public string Code { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        await LoadAsync(user, returnUrl);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        var code = (Input.Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (ModelState.IsValid && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", "That code is not right. Enter the code the app shows now (it changes every 30 seconds), and check that your phone's clock is set automatically.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(user, returnUrl);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user); // a new security stamp: this browser stays signed in (other sessions end within a minute)
        await audit.ChangedAsync(user, UserChange.TwoFactorEnabled, "authenticator app");
        if (await users.CountRecoveryCodesAsync(user) == 0)
        {
            TempData[ShowRecoveryCodesModel.TempDataKey] = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToArray();
            await audit.ChangedAsync(user, UserChange.RecoveryCodesGenerated, $"{RecoveryCodeCount} codes, with the first authenticator app");
            return RedirectToPage("./ShowRecoveryCodes", new { returnUrl });
        }

        TempData.SetStatus(StatusKind.Success, "Your authenticator app is set up: signing in now asks for its code.");
        return returnUrl is not null ? LocalRedirect(returnUrl) : RedirectToPage("./TwoFactorAuthentication");
    }

    private async Task LoadAsync(PortalUser user, string? returnUrl)
    {
        ReturnUrl = returnUrl;
        AdminMustSetUp = options.Value.RequireTwoFactorForAdmins && await users.IsInRoleAsync(user, PortalRoles.Admin) && !await secondFactor.HasAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user); // the new key changed the security stamp
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }

        SharedKey = AuthenticatorQrCode.FormatKey(key);
        QrCodeSvg = AuthenticatorQrCode.Svg(AuthenticatorQrCode.Uri(user.Email ?? user.UserName ?? user.Id, key));
    }
}
