using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Management.Users;

namespace OAuthPortal.Areas.Admin.Pages.Users;

/// <summary>
/// /Admin/Users/Create: an administrator creates a user (e-mail, optionally the Admin role); the temporary password is
/// shown once in the response (not cached) for the admin to hand over.
/// </summary>
public sealed class CreateModel(UserCreation creation) : AdminPageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    /// <summary>The user just created, with their temporary password (only in the response to the POST).</summary>
    public CreatedUser? Created { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await creation.CreateAsync(Input.Email, Input.Admin, Actor, cancellationToken);
        if (!outcome.Succeeded)
        {
            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Email)}", error.Message);
            }

            return Page();
        }

        Response.Headers.CacheControl = "no-store";
        Created = outcome.Value;
        return Page();
    }

    public sealed class InputModel
    {
        [Required, EmailAddress, StringLength(256), Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Display(Name = "Administrator (the Admin role)")]
        public bool Admin { get; set; }
    }
}
