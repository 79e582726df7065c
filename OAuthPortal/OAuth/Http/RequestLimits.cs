namespace OAuthPortal.OAuth.Http;

/// <summary>
/// How big a request may be, besides Kestrel's own limits (Kestrel:Limits in appsettings.json). Forms are small: the
/// largest is a client's registration. Over a limit, reading the form fails, and the endpoint answers 400 (the OAuth
/// endpoints: invalid_request).
/// </summary>
public static class RequestLimits
{
    /// <summary>
    /// The token, revocation, introspection and authorization endpoints: a request is a few hundred bytes (a client
    /// assertion a few kilobytes). A bigger body is refused when the endpoint starts reading it, without reading it.
    /// </summary>
    public const long OAuthBodyBytes = 64 * 1024;

    public const int FormFields = 256;
    public const int FormKeyLength = 256;
    public const int FormValueLength = 32 * 1024;
    public const int MultipartBodyBytes = 1024 * 1024;
}
