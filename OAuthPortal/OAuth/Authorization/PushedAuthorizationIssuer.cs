using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Dpop;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.OAuth.Token;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>
/// The pushed authorization request endpoint's work (RFC 9126 §2), after client authentication: the body is every
/// authorization parameter; it is validated exactly as at the authorization endpoint
/// (<see cref="AuthorizationRequestValidator.ValidatePushedAsync"/>) before anything is stored, and every failure is
/// an error answer, never a redirect (§2.3). A valid request is stored with a fresh request_uri
/// (<c>urn:ietf:params:oauth:request_uri:</c> + 256 random bits, kept only as its SHA-256 hash) that lives
/// <c>OAuth:PushedRequestLifetime</c>.
/// </summary>
public sealed class PushedAuthorizationIssuer(
    PortalDbContext db, DatabaseWriteGate writes, AuthorizationRequestValidator validator, RequireDpopProof dpop, IOptions<OAuthOptions> options,
    TimeProvider clock)
{
    public async Task<OAuthResult<PushedAuthorizationResponse>> IssueAsync(TokenRequestContext request, CancellationToken cancellationToken = default)
    {
        // §2.1: request_uri must not be pushed (a pushed request cannot point at another one).
        if (request.Form.All.Any(p => p.Key == P.RequestUri))
        {
            return OAuthError.InvalidRequest("'request_uri' must not be sent to the pushed authorization request endpoint (RFC 9126 section 2.1).");
        }

        // RFC 9449 §10.1: a DPoP proof sent with the push binds the code to its key, as dpop_jkt would; both must agree.
        var proof = await dpop.CheckAsync(request, required: false, cancellationToken);
        if (!proof.Succeeded)
        {
            return proof.Error!;
        }

        var sentJkt = request.Form.Get(P.DpopJkt);
        if (proof.Value is { } key && sentJkt is not null && sentJkt != key.Jkt)
        {
            return new OAuthError(OAuthErrorCodes.InvalidDpopProof, "'dpop_jkt' does not match the key of the DPoP proof sent with the request (RFC 9449 section 10.1).");
        }

        // Credentials are not authorization parameters: they are neither validated as such nor stored.
        var pushed = request.Form.All.Where(p => p.Key is not (P.ClientSecret or P.ClientId or P.ClientAssertion or P.ClientAssertionType))
            .Prepend(KeyValuePair.Create(P.ClientId, request.Client.Id)).ToList();
        if (proof.Value is { } proofKey && sentJkt is null)
        {
            pushed.Add(KeyValuePair.Create(P.DpopJkt, proofKey.Jkt));
        }

        var parameters = ProtocolParameters.From(pushed.Select(p => KeyValuePair.Create(p.Key, new StringValues(p.Value))));
        var validation = await validator.ValidatePushedAsync(parameters, request.Issuer, cancellationToken);
        if (validation.Request is null)
        {
            return validation.ErrorRedirect is { } redirect
                ? redirect.Error
                : OAuthError.InvalidRequest(AuthorizationPageErrors.Message(validation.PageError!.Value));
        }

        if (Clients.Fapi2SecurityProfile.CheckPushedRequest(request.Client, validation.Request.RedirectUriSent) is { } profileError)
        {
            return profileError;
        }

        var encoded = QueryString.Create(pushed.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Value![1..];
        if (encoded.Length > PushedAuthorizationRequest.MaxParametersLength)
        {
            return OAuthError.InvalidRequest($"The pushed request is too large: at most {PushedAuthorizationRequest.MaxParametersLength / 1024} KB of parameters.");
        }

        var requestUri = P.PushedRequestUriPrefix + TokenGenerator.NewSecret();
        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = Clients.Fapi2SecurityProfile.PushedRequestLifetime(request.Client, options.Value.PushedRequestLifetime);
        db.PushedAuthorizationRequests.Add(new PushedAuthorizationRequest
        {
            RequestUriHash = SecretHasher.Hash(requestUri),
            ClientId = request.Client.Id,
            Parameters = encoded,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
        await writes.RunAsync(() => db.SaveChangesAsync(cancellationToken), cancellationToken);
        return OAuthResult<PushedAuthorizationResponse>.Success(new PushedAuthorizationResponse(requestUri, (long)lifetime.TotalSeconds));
    }
}
