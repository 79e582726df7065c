using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.OAuth;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>Authorization server metadata, GET /.well-known/oauth-authorization-server (RFC 8414 §3).</summary>
[IgnoreAntiforgeryToken]
public sealed class MetadataModel(OAuthIssuer issuer, ScopeCatalog scopes) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var names = (await scopes.ListAsync(cancellationToken)).Select(s => s.Name);
        Response.Headers.CacheControl = "public, max-age=300";
        return new JsonResult(AuthorizationServerMetadata.Create(issuer.Resolve($"{Request.Scheme}://{Request.Host}"), names));
    }
}
