using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OAuthPortal.Management.Scopes;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>
/// Authorization server metadata, GET /.well-known/oauth-authorization-server (RFC 8414 §3), and the same document as
/// OpenID Provider metadata, GET /.well-known/openid-configuration (OpenID Connect Discovery 1.0 §4).
/// </summary>
[IgnoreAntiforgeryToken]
[EnableCors(EndpointPolicies.PublicCors)]
public sealed class MetadataModel(OAuthIssuer issuer, ScopeCatalog scopes, IEnumerable<ITokenGrant> grants, IOptions<OAuthOptions> options) : PageModel
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
        var names = (await scopes.ListAsync(cancellationToken)).Select(s => s.Name);
        Response.Headers.CacheControl = "public, max-age=300";
        return new JsonResult(AuthorizationServerMetadata.Create(issuer.Resolve($"{Request.Scheme}://{Request.Host}"), names, grants.Select(g => g.GrantType),
            options.Value.RequirePushedAuthorizationRequests, options.Value.Registration.EffectiveMode != OAuth.Registration.RegistrationMode.Disabled));
    }
}
