using Microsoft.Extensions.Primitives;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>Reads a request body as a form without ever throwing on what a client sends (wrong type, oversized, malformed).</summary>
public static class FormReader
{
    /// <summary>The form fields; none when there is no form body; null when the body claims to be a form but cannot be read.</summary>
    public static async Task<IEnumerable<KeyValuePair<string, StringValues>>?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return [];
        }

        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }

    public static bool IsUrlEncoded(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
