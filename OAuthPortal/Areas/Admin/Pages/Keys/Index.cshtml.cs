using OAuthPortal.OAuth.Oidc.Keys;

namespace OAuthPortal.Areas.Admin.Pages.Keys;

/// <summary>/Admin/Keys: the signing-key ring with each key's phase and dates; rotate and revoke (each confirmed first).</summary>
public sealed class IndexModel(SigningKeyRing ring) : AdminPageModel
{
    public IReadOnlyList<SigningKeyListItem> Keys { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Keys = await ring.ListAsync(cancellationToken);

    /// <summary>Whether revoking makes sense: the key is still in the JWKS or about to be.</summary>
    public static bool CanRevoke(SigningKeyListItem key) => key.Phase is SigningKeyPhase.Published or SigningKeyPhase.Active or SigningKeyPhase.Retired;
}
