using Microsoft.AspNetCore.Cors;
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

/// <summary>Token revocation, POST /oauth2/revoke (RFC 7009): 200 with an empty body whether or not the token was known.</summary>
[EnableCors(EndpointPolicies.PublicCors)]
[EnableRateLimiting(EndpointPolicies.OAuthRateLimit)]
public sealed class RevokeModel(
    ClientAuthenticator authenticator, OAuthIssuer issuer, IOptions<OAuthOptions> options, TokenRevoker revoker)
    : OAuthEndpointModel(authenticator, issuer, options)
{
    protected override async Task<IActionResult> HandleAsync(TokenRequestContext request, CancellationToken cancellationToken) =>
        await revoker.RevokeAsync(request.Client, request.Form, cancellationToken) is { } error ? Error(error) : new OkResult();
}
