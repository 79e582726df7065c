using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Authorization;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>
/// The pushed authorization request endpoint, POST /oauth2/par (RFC 9126 §2): the token endpoint's front (TLS, POST,
/// form, client authentication), then the request is validated as at the authorization endpoint and stored; 201 with
/// its request_uri. Errors are JSON (RFC 6749 §5.2), never redirects.
/// </summary>
[EnableCors(EndpointPolicies.PublicCors)]
[EnableRateLimiting(EndpointPolicies.OAuthRateLimit)]
public sealed class ParModel(
    ClientAuthenticator authenticator, OAuthIssuer issuer, IOptions<OAuthOptions> options, PushedAuthorizationIssuer pushedRequests)
    : OAuthEndpointModel(authenticator, issuer, options)
{
    protected override bool TakesDpopProofs => true;

    protected override async Task<IActionResult> HandleAsync(TokenRequestContext request, CancellationToken cancellationToken)
    {
        var result = await pushedRequests.IssueAsync(request, cancellationToken);
        return result.Succeeded ? new JsonResult(result.Value) { StatusCode = StatusCodes.Status201Created } : Error(result.Error!);
    }
}
