using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Management;
using OAuthPortal.Management.Registration;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.Areas.Developer.Pages.RegistrationTokens;

/// <summary>
/// The one view of a new initial access token, handed over from the creating POST through <see cref="OneTimeSecrets"/>,
/// with how a program uses it. Never cached, so neither a reload nor the back button shows it again.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class TokenModel(RegistrationTokenCatalog catalog, OneTimeSecrets secrets, OAuthIssuer issuers) : DeveloperPageModel
{
    public RegistrationTokenListItem Token { get; private set; } = default!;

    public string? Value { get; private set; }

    /// <summary>Where a program sends its registration (RFC 7591 §3).</summary>
    public string RegistrationEndpoint { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(OwnerId, id, cancellationToken) is not { } token)
        {
            return NotFound();
        }

        Token = token;
        RegistrationEndpoint = issuers.Resolve($"{Request.Scheme}://{Request.Host}").TrimEnd('/') + AuthorizationServerMetadata.RegistrationPath;
        Value = await secrets.TakeAsync(OwnerId, OneTimeSecrets.InitialAccessTokenSubject(id), TempData[RegistrationTokenKey(id)] as string, cancellationToken);
        return Page();
    }
}
