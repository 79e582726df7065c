using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using OAuthPortal.OAuth.Http;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Bearer;

/// <summary>
/// Answers a failed bearer authentication (djoauth2 <c>make_error_response</c>, RFC 6750 §3): the status, a
/// <c>WWW-Authenticate: Bearer</c> challenge with RFC 7235 quoted strings, and, when details may be shown, the same
/// error as a JSON body.
/// </summary>
public sealed class BearerChallenge(
    IOptions<OAuthOptions> options, Dpop.DpopNonces nonces, Oidc.OAuthIssuer issuer, IEnumerable<Resources.ProtectedResourcePath> resources,
    Events.PortalMetrics metrics)
{
    /// <param name="resourceMetadata">The URL of the resource's metadata (RFC 9728 §5.1), or null.</param>
    public string HeaderValue(BearerError error, string? resourceMetadata = null)
    {
        var header = new StringBuilder(error.Dpop ? P.TokenTypeDpop : BearerScheme.Name).Append(" realm=").Append(HttpAuthentication.Quote(options.Value.Realm));
        if (resourceMetadata is not null)
        {
            header.Append(", resource_metadata=").Append(HttpAuthentication.Quote(resourceMetadata));
        }

        if (error.Dpop)
        {
            header.Append(", algs=").Append(HttpAuthentication.Quote(string.Join(' ', Dpop.DpopProofValidator.Algorithms)));
        }

        if (error.ExposeDetails)
        {
            header.Append(", ").Append(P.Error).Append('=').Append(HttpAuthentication.Quote(error.Code!));
            if (error.Description is not null)
            {
                header.Append(", ").Append(P.ErrorDescription).Append('=').Append(HttpAuthentication.Quote(error.Description));
            }

            if (error.RequiredScopes.Count > 0)
            {
                header.Append(", ").Append(P.Scope).Append('=').Append(HttpAuthentication.Quote(string.Join(' ', error.RequiredScopes)));
            }
        }

        return header.ToString();
    }

    public async Task WriteAsync(HttpContext context, BearerError error)
    {
        metrics.BearerRejected(error.Code ?? (error.StatusCode == StatusCodes.Status403Forbidden ? Events.PortalMetrics.Forbidden : Events.PortalMetrics.MissingToken));
        var response = context.Response;
        // The error is the answer: no HTML status page in its place.
        context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        response.StatusCode = error.StatusCode;
        var resource = Resources.ProtectedResourcePath.Of(resources, context.Request.PathBase + context.Request.Path);
        response.Headers.WWWAuthenticate = HeaderValue(error, resource is null ? null
            : Resources.ProtectedResourceMetadata.UrlFor(issuer.Resolve($"{context.Request.Scheme}://{context.Request.Host}"), resource));
        response.Headers.CacheControl = "no-store";
        if (error.Code == OAuthErrorCodes.UseDpopNonce)
        {
            response.Headers[Dpop.DpopNonces.HeaderName] = nonces.Issue();
        }

        if (!error.ExposeDetails)
        {
            return;
        }

        var body = new Dictionary<string, string> { [P.Error] = error.Code! };
        if (error.Description is not null)
        {
            body[P.ErrorDescription] = error.Description;
        }

        if (error.RequiredScopes.Count > 0)
        {
            body[P.Scope] = string.Join(' ', error.RequiredScopes);
        }

        response.ContentType = "application/json";
        await response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
