using Microsoft.Extensions.Primitives;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>Reads a request body as a form without ever throwing on what a client sends (wrong type, oversized, malformed).</summary>
public static class FormReader
{
    private static readonly FormContent NoForm = new(Array.Empty<KeyValuePair<string, StringValues>>());

    /// <summary>
    /// The form fields; none when there is no form body; no <see cref="FormContent.Fields"/> when the body claims to be
    /// a form but cannot be read, with <see cref="FormContent.TooLarge"/> when it is too large (over the endpoint's body
    /// size, or a key or value over the form's length limits).
    /// </summary>
    public static async Task<FormContent> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return NoForm;
        }

        try
        {
            return new FormContent(await request.ReadFormAsync(cancellationToken));
        }
        catch (BadHttpRequestException exception)
        {
            return new FormContent(null, TooLarge: exception.StatusCode == StatusCodes.Status413PayloadTooLarge);
        }
        catch (InvalidDataException exception)
        {
            // "Form key length limit 256 exceeded." or "Form value length limit ... exceeded." is one parameter too long; too
            // many fields ("Form value count limit ...") or a broken body is malformed.
            return new FormContent(null, TooLarge: exception.Message.Contains("length limit", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return new FormContent(null);
        }
    }

    public static bool IsUrlEncoded(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
