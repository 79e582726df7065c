using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>Token introspection, POST /oauth2/introspect (RFC 7662), for confidential clients; server to server, so no CORS.</summary>
[EnableRateLimiting(EndpointPolicies.OAuthRateLimit)]
public sealed class IntrospectModel(
    ClientAuthenticator authenticator, OAuthIssuer issuer, IOptions<OAuthOptions> options, TokenIntrospector introspector)
    : OAuthEndpointModel(authenticator, issuer, options)
{
    protected override async Task<IActionResult> HandleAsync(TokenRequestContext request, CancellationToken cancellationToken)
    {
        var result = await introspector.IntrospectAsync(request.Client, request.Form, Issuer, cancellationToken);
        return result.Succeeded ? new JsonResult(result.Value) : Error(result.Error!);
    }
}
