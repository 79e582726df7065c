using System.Security.Claims;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Dpop;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>
/// The shared front of the token, revocation and introspection endpoints, in djoauth2's order: TLS, POST, form
/// body, repeated parameters, client authentication; then the endpoint's own work. JSON in every case, never cached.
/// </summary>
[IgnoreAntiforgeryToken]
[RequestSizeLimit(RequestLimits.OAuthBodyBytes)]
public abstract class OAuthEndpointModel(ClientAuthenticator authenticator, OAuthIssuer issuer, IOptions<OAuthOptions> options) : PageModel
{
    private const string NotPostHandler = "NotPost";

    /// <summary>The endpoint's work for an authenticated client.</summary>
    protected abstract Task<IActionResult> HandleAsync(TokenRequestContext request, CancellationToken cancellationToken);

    /// <summary>Whether the endpoint takes DPoP proofs (RFC 9449 §5 token endpoint, §10.1 PAR): their nonces are then asked for first.</summary>
    protected virtual bool TakesDpopProofs => false;

    /// <summary>Every request reaches a handler: POST the real one, any other method <see cref="OnGetNotPost"/>.</summary>
    public override void OnPageHandlerSelected(PageHandlerSelectedContext context) =>
        PageHandlerRouting.Route(context, Request.Method, NotPostHandler, HttpMethods.Post);

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        // RFC 6749 §5.1: responses carrying (or refusing) tokens are never cached.
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
    }

    public IActionResult OnGetNotPost() =>
        InsecureRequest() ?? Error(OAuthError.InvalidRequest("This endpoint accepts only POST requests (RFC 6749 section 3.2)."));

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (InsecureRequest() is { } insecure)
        {
            return insecure;
        }

        if (!FormReader.IsUrlEncoded(Request.ContentType))
        {
            return Error(OAuthError.InvalidRequest("The body must be application/x-www-form-urlencoded (RFC 6749 section 3.2)."));
        }

        var content = await FormReader.ReadAsync(Request, cancellationToken);
        if (content.Fields is not { } form)
        {
            return Error(OAuthError.InvalidRequest(content.TooLarge
                ? $"The request body is too large: at most {RequestLimits.OAuthBodyBytes / 1024} KB, and {RequestLimits.FormValueLength / 1024} KB in one value."
                : $"The request body could not be read as a form (malformed, or more than {RequestLimits.FormFields} fields)."));
        }

        var body = ProtocolParameters.From(form);
        if (body.RepeatedNames.ToList() is { Count: > 0 } repeated)
        {
            return Error(OAuthError.InvalidRequest($"Parameters must not be repeated: {string.Join(", ", repeated)}."));
        }

        if (Request.Headers.Authorization.Count > 1)
        {
            return Error(OAuthError.InvalidRequest("Send one Authorization header."));
        }

        // RFC 9449 §8: a proof without a current nonce is answered before client authentication spends a client
        // assertion's jti, so that the client can send the same request again with a new proof.
        var nonces = TakesDpopProofs ? HttpContext.RequestServices.GetRequiredService<DpopNonces>() : null;
        if (nonces?.Required == true && Request.Headers[RequireDpopProof.HeaderName] is [{ } proof] && !nonces.IsCurrentIn(proof))
        {
            return Error(new OAuthError(OAuthErrorCodes.UseDpopNonce, DpopNonces.MissingDescription));
        }

        var client = await authenticator.AuthenticateAsync(Request.Headers.Authorization.FirstOrDefault(), body,
            ProtocolParameters.From(Request.Query), HttpContext.Connection.RemoteIpAddress?.ToString(),
            [Issuer, Issuer + AuthorizationServerMetadata.TokenPath, RequestUrl], cancellationToken);
        if (!client.Succeeded)
        {
            return Error(client.Error!);
        }

        if (nonces?.Required == true)
        {
            Response.Headers[DpopNonces.HeaderName] = nonces.Issue(); // §8.2: the nonce for the next request
        }

        return await HandleAsync(new TokenRequestContext(client.Value!, body, Request.Headers, Request.Method, RequestUrl, Issuer), cancellationToken);
    }

    /// <summary>An error as JSON (RFC 6749 §5.2); 401 challenges for Basic (RFC 6749 §5.2, RFC 7235 §3.1).</summary>
    protected IActionResult Error(OAuthError error)
    {
        Refused(error);
        if (error.StatusCode == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = $"{HttpAuthentication.BasicScheme} realm={HttpAuthentication.Quote(options.Value.Realm)}";
        }

        return new OAuthErrorResult(error);
    }

    /// <summary>Called for every error the endpoint answers (the token endpoint counts them, see <c>PortalMetrics</c>).</summary>
    protected virtual void Refused(OAuthError error)
    {
    }

    /// <summary>Writes the error with the one JSON error renderer, <see cref="OAuthJsonError"/>.</summary>
    private sealed class OAuthErrorResult(OAuthError error) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => OAuthJsonError.WriteAsync(context.HttpContext, error);
    }

    /// <summary>The absolute URL of this request without its query (RFC 9449 §4.3 <c>htu</c>).</summary>
    private string RequestUrl => UriHelper.BuildAbsolute(Request.Scheme, Request.Host, Request.PathBase, Request.Path);

    protected string Issuer => issuer.Resolve($"{Request.Scheme}://{Request.Host}");

    private IActionResult? InsecureRequest() => options.Value.RequireHttps && !Request.IsHttps
        ? Error(OAuthError.InvalidRequest("This endpoint requires TLS (https)."))
        : null;
}
