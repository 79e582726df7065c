using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OAuthPortal.Components;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Oidc.Keys;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Keys;

/// <summary>
/// /Admin/Keys/Rotate: confirm, then every algorithm gets a successor published ahead (it signs after
/// OAuth:SigningKeys:PublishAhead), or with <c>now=true</c> a new key that signs at once.
/// </summary>
public sealed class RotateModel(SigningKeyRotation rotation, IOptions<OAuthOptions> options) : AdminPageModel
{
    [BindProperty(SupportsGet = true, Name = "now")] public bool Immediately { get; set; }

    public TimeSpan PublishAhead => options.Value.SigningKeys.PublishAhead;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var results = new List<SigningKeyRotationResult>();
        foreach (var algorithm in SigningAlgorithms.All)
        {
            results.Add(await rotation.RotateAsync(algorithm, Immediately, Actor, cancellationToken));
        }

        var message = string.Join(" ", results.Select(r => r.Describe()));
        var retired = results.Where(r => r.Outcome == SigningKeyRotationOutcome.Activated && r.PreviousKeyId is not null).Select(r => r.PreviousKeyId!).ToList();
        if (retired.Count > 0)
        {
            message += $" If the old key(s) may have leaked, revoke {string.Join(" and ", retired)} below.";
        }

        TempData.SetStatus(StatusKind.Success, message);
        return RedirectToPage("Index");
    }
}
