namespace OAuthPortal.OAuth;

/// <summary>
/// An expected protocol failure, as a value (djoauth2's <c>DJOAuthError</c>, minus the class hierarchy):
/// the wire code, a human-readable description, and the HTTP status for the endpoints that answer directly.
/// </summary>
public sealed record OAuthError
{
    public OAuthError(string code, string description, int statusCode = 400)
    {
        Code = code;
        Description = SanitizeDescription(description);
        StatusCode = statusCode;
    }

    public string Code { get; }

    /// <summary>Restricted to the RFC 6749 §4.1.2.1 charset (printable ASCII without <c>"</c> and <c>\</c>).</summary>
    public string Description { get; }

    public int StatusCode { get; }

    public static OAuthError InvalidRequest(string description) => new(OAuthErrorCodes.InvalidRequest, description);

    public static OAuthError InvalidScope(string description) => new(OAuthErrorCodes.InvalidScope, description);

    /// <summary>RFC 6749 §4.1.2.1: the server cannot answer for now (rate limit, database outage); a 503 unless said otherwise.</summary>
    public static OAuthError TemporarilyUnavailable(string description, int statusCode = 503) =>
        new(OAuthErrorCodes.TemporarilyUnavailable, description, statusCode);

    /// <summary>RFC 6749 §4.1.2.1: <c>error_description = *( %x20-21 / %x23-5B / %x5D-7E )</c>; anything else becomes '?'.</summary>
    public static string SanitizeDescription(string description) =>
        string.Create(description.Length, description, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '\x20' and <= '\x7E' and not '"' and not '\\' ? c : '?';
            }
        });
}
