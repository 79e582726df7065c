using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Device;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>
/// The device authorization endpoint, POST /oauth2/device_authorization (RFC 8628 §3.1): the token endpoint's front
/// (TLS, POST, form, client authentication: public clients send only client_id), then a device code and a user code.
/// </summary>
[EnableCors(EndpointPolicies.PublicCors)]
[EnableRateLimiting(EndpointPolicies.OAuthRateLimit)]
public sealed class DeviceAuthorizationModel(
    ClientAuthenticator authenticator, OAuthIssuer issuer, IOptions<OAuthOptions> options, DeviceAuthorizationIssuer deviceAuthorizations)
    : OAuthEndpointModel(authenticator, issuer, options)
{
    protected override async Task<IActionResult> HandleAsync(TokenRequestContext request, CancellationToken cancellationToken)
    {
        var result = await deviceAuthorizations.IssueAsync(request, cancellationToken);
        return result.Succeeded ? new JsonResult(result.Value) : Error(result.Error!);
    }
}
