using System.Text.Json;

namespace OAuthPortal.OAuth.Http;

/// <summary>
/// The one renderer of OAuth JSON errors (RFC 6749 §5.2): the token, revocation and introspection endpoints, and the
/// answers given before an endpoint runs (rate limits, an unreadable charset, a database outage).
/// </summary>
public static class OAuthJsonError
{
    /// <summary>Writes <paramref name="error"/> as the RFC 6749 §5.2 JSON body with its status, never cached.</summary>
    public static Task WriteAsync(HttpContext context, OAuthError error)
    {
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        response.Headers.CacheControl = "no-store";
        response.ContentType = "application/json";
        if (error.Code == OAuthErrorCodes.UseDpopNonce)
        {
            // RFC 9449 §8: the nonce to use comes with the error that asks for it.
            response.Headers[Dpop.DpopNonces.HeaderName] = context.RequestServices.GetRequiredService<Dpop.DpopNonces>().Issue();
        }

        return response.WriteAsync(JsonSerializer.Serialize(OAuthErrorResponse.From(error)), context.RequestAborted);
    }
}
