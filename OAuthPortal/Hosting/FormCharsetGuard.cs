using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using OAuthPortal.OAuth;

namespace OAuthPortal.Hosting;

/// <summary>
/// A form body in a charset .NET cannot decode (e.g. <c>charset=utf-7</c>) makes form reading throw wherever it
/// happens, even in model binding: answer 400 before any endpoint runs (JSON invalid_request on the OAuth JSON endpoints).
/// </summary>
public sealed class FormCharsetGuard(RequestDelegate next)
{
    private static readonly string[] JsonEndpoints =
        [AuthorizationServerMetadata.TokenPath, AuthorizationServerMetadata.RevocationPath, AuthorizationServerMetadata.IntrospectionPath];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType || IsDecodable(context.Request.ContentType))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (JsonEndpoints.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = "application/json";
            var error = OAuthErrorResponse.From(OAuthError.InvalidRequest("The body's charset is not supported; send UTF-8."));
            await context.Response.WriteAsync(JsonSerializer.Serialize(error), context.RequestAborted);
        }
    }

    private static bool IsDecodable(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || mediaType.Charset.Length == 0)
        {
            return true;
        }

        try
        {
            _ = Encoding.GetEncoding(mediaType.Charset.ToString().Trim('"')).GetString([0x41]);
            return true;
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
