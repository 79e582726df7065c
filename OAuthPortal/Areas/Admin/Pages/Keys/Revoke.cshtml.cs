using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Components;
using OAuthPortal.OAuth.Oidc.Keys;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Keys;

/// <summary>/Admin/Keys/Revoke/{kid}: confirm, then the key leaves the JWKS at once (an active key is replaced at once).</summary>
public sealed class RevokeModel(SigningKeyRing ring, SigningKeyRemoval removal) : AdminPageModel
{
    public SigningKeyListItem Key { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string kid, CancellationToken cancellationToken)
    {
        if ((await ring.ListAsync(cancellationToken)).FirstOrDefault(k => k.KeyId == kid) is not { } key)
        {
            return NotFound();
        }

        Key = key;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kid, CancellationToken cancellationToken)
    {
        if (await removal.RevokeAsync(kid, Actor, cancellationToken) is not { } result)
        {
            return NotFound();
        }

        TempData.SetStatus(result.AlreadyRevoked ? StatusKind.Warning : StatusKind.Success, result.AlreadyRevoked
            ? $"Key {kid} was already revoked."
            : $"Key {kid} ({result.Algorithm}) revoked: it is out of the JWKS." +
              (result.ReplacementKeyId is { } replacement ? $" It was the active key: {replacement} signs now." : ""));
        return RedirectToPage("Index");
    }
}
