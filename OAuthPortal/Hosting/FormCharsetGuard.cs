using System.Text;
using Microsoft.Net.Http.Headers;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Http;

namespace OAuthPortal.Hosting;

/// <summary>
/// A form body in a charset .NET cannot decode (e.g. <c>charset=utf-7</c>) makes form reading throw wherever it
/// happens, even in model binding: answer 400 before any endpoint runs (JSON invalid_request on the <see cref="JsonEndpoints"/>).
/// </summary>
public sealed class FormCharsetGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType || IsDecodable(context.Request.ContentType))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (JsonEndpoints.Answers(context.Request))
        {
            await OAuthJsonError.WriteAsync(context, OAuthError.InvalidRequest("The body's charset is not supported; send UTF-8."));
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
