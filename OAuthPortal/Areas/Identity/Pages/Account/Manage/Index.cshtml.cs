using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's profile page (user name and an unused phone number) with the user's names: full, given and
/// family name, as apps read them through OpenID Connect. The rules and the save are <see cref="UserProfiles"/>.
/// </summary>
[Authorize]
public sealed class IndexModel(UserManager<PortalUser> users, UserProfiles profiles) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? Username { get; private set; }

    public DateTime? ProfileUpdatedAt { get; private set; }

    public sealed class InputModel
    {
        [Display(Name = "Full name")]
        public string? Name { get; set; }

        [Display(Name = "Given name")]
        public string? GivenName { get; set; }

        [Display(Name = "Family name")]
        public string? FamilyName { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        Describe(user);
        Input = new InputModel { Name = user.Name, GivenName = user.GivenName, FamilyName = user.FamilyName };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        Describe(user);
        var update = await profiles.UpdateAsync(user, new ProfileNames(Input.Name, Input.GivenName, Input.FamilyName));
        if (!update.Succeeded)
        {
            foreach (var error in update.Errors)
            {
                ModelState.AddModelError(error.Field.Length == 0 ? string.Empty : $"{nameof(Input)}.{error.Field}", error.Message);
            }

            return Page();
        }

        TempData.SetStatus(update.Changed ? StatusKind.Success : StatusKind.Info,
            update.Changed ? "Your profile was saved." : "Nothing to save: your profile is unchanged.");
        return RedirectToPage();
    }

    private void Describe(PortalUser user) => (Username, ProfileUpdatedAt) = (user.UserName, user.ProfileUpdatedAt);
}
