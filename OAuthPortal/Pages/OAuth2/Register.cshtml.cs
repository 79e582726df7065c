using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OAuthPortal.Management.Registration;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Registration;
using E = OAuthPortal.OAuth.OAuthErrorCodes;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>
/// Dynamic client registration: <c>POST /oauth2/register</c> registers a client (RFC 7591 §3), and its
/// registration_client_uri, <c>/oauth2/register/{client_id}</c>, reads (GET), replaces (PUT) and deletes (DELETE) it
/// with the registration access token as a bearer token (RFC 7592). JSON in and out, never cached. No CORS: programs
/// register from servers and devices, and a web page must not make its visitors' browsers register clients.
/// </summary>
[IgnoreAntiforgeryToken]
[EnableRateLimiting(EndpointPolicies.RegistrationRateLimit)]
[RequestSizeLimit(RequestLimits.OAuthBodyBytes)]
public sealed class RegisterModel(DynamicClientRegistrations registrations, OAuthIssuer issuer, IOptions<OAuthOptions> options) : PageModel
{
    private const string BearerScheme = "Bearer";

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        Response.Headers.CacheControl = "no-store"; // RFC 7591 §3.2.1: the response carries credentials
        Response.Headers.Pragma = "no-cache";
        if (options.Value.RequireHttps && !Request.IsHttps)
        {
            context.Result = Error(OAuthError.InvalidRequest("This endpoint requires TLS (https)."));
        }
        else if ((RouteData.Values["clientId"] is null) != HttpMethods.IsPost(Request.Method) || context.HandlerMethod?.MethodInfo.ReturnType == typeof(void))
        {
            // POST registers at /oauth2/register; GET, PUT and DELETE manage one client at its registration_client_uri.
            Response.Headers.Allow = RouteData.Values["clientId"] is null ? "POST" : "GET, PUT, DELETE";
            context.Result = Error(new OAuthError(E.InvalidRequest,
                $"{Request.Method} is not supported here: POST {AuthorizationServerMetadata.RegistrationPath} registers a client; GET, PUT and DELETE on its registration_client_uri manage it.",
                StatusCodes.Status405MethodNotAllowed));
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var admitted = await registrations.AdmitAsync(BearerToken(), cancellationToken);
        if (!admitted.Succeeded)
        {
            return Error(admitted.Error!);
        }

        var metadata = await ReadMetadataAsync(cancellationToken);
        if (!metadata.Succeeded)
        {
            return Error(metadata.Error!);
        }

        var registered = await registrations.RegisterAsync(admitted.Value, metadata.Value!,
            HttpContext.Connection.RemoteIpAddress?.ToString() ?? "an unknown address", RegistrationClientUri, cancellationToken);
        if (!registered.Succeeded)
        {
            return Error(registered.Error!);
        }

        Response.Headers.Location = registered.Value![ClientMetadataNames.RegistrationClientUri]!.GetValue<string>();
        return Json(registered.Value, StatusCodes.Status201Created);
    }

    public async Task<IActionResult> OnGetAsync(string clientId, CancellationToken cancellationToken)
    {
        var read = await registrations.FindAsync(clientId, BearerToken(), cancellationToken) is { } client
            ? await registrations.ReadAsync(client, RegistrationClientUri(client.Id), cancellationToken)
            : DynamicClientRegistrations.UnusableRegistrationAccessToken;
        return read.Succeeded ? Json(read.Value!, StatusCodes.Status200OK) : Error(read.Error!);
    }

    public async Task<IActionResult> OnPutAsync(string clientId, CancellationToken cancellationToken)
    {
        if (await registrations.FindAsync(clientId, BearerToken(), cancellationToken) is not { } client)
        {
            return Error(DynamicClientRegistrations.UnusableRegistrationAccessToken);
        }

        var metadata = await ReadMetadataAsync(cancellationToken);
        var updated = metadata.Succeeded
            ? await registrations.UpdateAsync(client, metadata.Value!, RegistrationClientUri(client.Id), cancellationToken)
            : metadata.Error!;
        return updated.Succeeded ? Json(updated.Value!, StatusCodes.Status200OK) : Error(updated.Error!);
    }

    public async Task<IActionResult> OnDeleteAsync(string clientId, CancellationToken cancellationToken) =>
        await registrations.FindAsync(clientId, BearerToken(), cancellationToken) is { } client && await registrations.DeleteAsync(client, cancellationToken)
            ? new NoContentResult()
            : Error(DynamicClientRegistrations.UnusableRegistrationAccessToken);

    // Methods the endpoint does not take get its JSON 405 (OnPageHandlerExecuting), not the HTML one.
    public void OnPatch() { }

    public void OnOptions() { }

    public void OnTrace() { }

    /// <summary>The body as client metadata: a JSON object (RFC 7591 §3.1), or the error saying why it is not one.</summary>
    private async Task<OAuthResult<ClientMetadata>> ReadMetadataAsync(CancellationToken cancellationToken)
    {
        if (Request.ContentType is not { } contentType || !contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return OAuthError.InvalidRequest("The body must be client metadata as JSON (Content-Type: application/json; RFC 7591 section 3.1).");
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(Request.Body, new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken);
            return ClientMetadata.Read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return new OAuthError(E.InvalidClientMetadata, "The body is not valid JSON.");
        }
        catch (BadHttpRequestException)
        {
            return OAuthError.InvalidRequest($"The request body is too large: at most {RequestLimits.OAuthBodyBytes / 1024} KB.");
        }
    }

    /// <summary>The token of the one <c>Authorization: Bearer</c> header (RFC 6750 §2.1), or null.</summary>
    private string? BearerToken()
    {
        if (Request.Headers.Authorization is not [{ } header])
        {
            return null;
        }

        var (scheme, token) = HttpAuthentication.Split(header);
        return scheme.Equals(BearerScheme, StringComparison.OrdinalIgnoreCase) && token.Length > 0 ? token : null;
    }

    private string RegistrationClientUri(string clientId) =>
        issuer.Resolve($"{Request.Scheme}://{Request.Host}") + AuthorizationServerMetadata.RegistrationPath + "/" + Uri.EscapeDataString(clientId);

    private static JsonResult Json(JsonObject document, int statusCode) => new(document) { StatusCode = statusCode, ContentType = "application/json" };

    /// <summary>An error as JSON (RFC 7591 §3.2.2); a 401 also challenges for the bearer token (RFC 6750 §3).</summary>
    private IActionResult Error(OAuthError error)
    {
        if (error.StatusCode == StatusCodes.Status401Unauthorized)
        {
            var realm = $"{BearerScheme} realm={HttpAuthentication.Quote(options.Value.Realm)}";
            Response.Headers.WWWAuthenticate = BearerToken() is null ? realm : $"{realm}, error=\"{E.InvalidToken}\"";
        }

        return new ErrorResult(error);
    }

    private sealed class ErrorResult(OAuthError error) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => OAuthJsonError.WriteAsync(context.HttpContext, error);
    }
}
