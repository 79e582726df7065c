using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.Management;
using OAuthPortal.Management.Registration;
using OAuthPortal.OAuth.Registration;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Developer.Pages.RegistrationTokens;

/// <summary>
/// /Developer/RegistrationTokens: the signed-in developer's initial access tokens (RFC 7591 §3) and a form to make one;
/// a new token is handed to <see cref="TokenModel"/> through <see cref="OneTimeSecrets"/> and shown there once.
/// </summary>
public sealed class IndexModel(RegistrationTokenCatalog catalog, OneTimeSecrets secrets) : DeveloperPageModel
{
    /// <summary>The lifetimes the form offers (the core allows up to <see cref="InitialAccessTokenRules.MaxLifetime"/>).</summary>
    public static readonly IReadOnlyList<(TimeSpan Lifetime, string Label)> LifetimeChoices =
    [
        (TimeSpan.FromHours(1), "1 hour"), (TimeSpan.FromDays(1), "1 day"), (TimeSpan.FromDays(7), "7 days"),
        (TimeSpan.FromDays(30), "30 days"), (InitialAccessTokenRules.MaxLifetime, $"{InitialAccessTokenRules.MaxLifetime.TotalDays:0} days"),
    ];

    [BindProperty]
    public RegistrationTokenInput Input { get; set; } = new();

    public IReadOnlyList<RegistrationTokenListItem> Tokens { get; private set; } = [];

    public RegistrationMode Mode => catalog.Mode;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Tokens = await catalog.ListAsync(OwnerId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await catalog.CreateAsync(OwnerId, Input.Name, Input.Lifetime, Input.MultiUse, Input.GrantTypes, Actor, cancellationToken);
            if (outcome.Succeeded)
            {
                var created = outcome.Value!;
                TempData[RegistrationTokenKey(created.Id)] =
                    await secrets.StoreAsync(OwnerId, OneTimeSecrets.InitialAccessTokenSubject(created.Id), created.Token, cancellationToken);
                TempData.SetStatus(StatusKind.Success, $"Initial access token '{created.Name}' created.");
                return RedirectToPage("Token", new { id = created.Id });
            }

            ModelState.AddFieldErrors(outcome.Errors);
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }

    public static string Describe(DateTime time) => time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string StatusLabel(RegistrationTokenStatus status) => status switch
    {
        RegistrationTokenStatus.Active => "active",
        RegistrationTokenStatus.Expired => "expired",
        RegistrationTokenStatus.UsedUp => "used up",
        _ => "revoked",
    };
}
