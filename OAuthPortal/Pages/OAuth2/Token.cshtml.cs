using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>The token endpoint, POST /oauth2/token (djoauth2 <c>access_token_endpoint</c>; RFC 6749 §§4.1.3, 5, 6).</summary>
[EnableCors(EndpointPolicies.PublicCors)]
[EnableRateLimiting(EndpointPolicies.OAuthRateLimit)]
public sealed class TokenModel(
    ClientAuthenticator authenticator, OAuthIssuer issuer, IOptions<OAuthOptions> options, TokenGrantRegistry tokens, PortalMetrics metrics)
    : OAuthEndpointModel(authenticator, issuer, options)
{
    protected override bool TakesDpopProofs => true;

    protected override async Task<IActionResult> HandleAsync(TokenRequestContext request, CancellationToken cancellationToken)
    {
        var result = await tokens.HandleAsync(request, cancellationToken);
        if (!result.Succeeded)
        {
            return Error(result.Error!);
        }

        metrics.TokenIssued(request.Form.Get(OAuthParameterNames.GrantType)!); // a registered grant type: the registry dispatched on it
        return new JsonResult(result.Value);
    }

    /// <summary>Every error this endpoint answers (before client authentication too), by code.</summary>
    protected override void Refused(OAuthError error) => metrics.TokenError(error.Code);
}
