using System.Globalization;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc.Keys;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>The JWK Set of the signing-key ring, GET /.well-known/jwks.json (RFC 7517 §5; the route is <see cref="JsonWebKeySetDocument.Path"/>).</summary>
[IgnoreAntiforgeryToken]
[EnableCors(EndpointPolicies.PublicCors)]
public sealed class JwksModel(SigningKeyRing ring) : PageModel
{
    private const string MethodNotAllowedHandler = "MethodNotAllowed";

    public override void OnPageHandlerSelected(PageHandlerSelectedContext context) =>
        PageHandlerRouting.Route(context, Request.Method, MethodNotAllowedHandler, HttpMethods.Get, HttpMethods.Head);

    public IActionResult OnGetMethodNotAllowed()
    {
        Response.Headers.Allow = "GET, HEAD";
        return new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var keys = await ring.GetPublishedKeysAsync(cancellationToken);
        Response.Headers.CacheControl = "public, max-age=" + ((int)JsonWebKeySetDocument.MaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return new JsonResult(JsonWebKeySetDocument.Create(keys));
    }
}
