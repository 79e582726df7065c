namespace OAuthPortal.OAuth.Oidc;

/// <summary>
/// The JWS algorithms the portal signs with (RFC 7518 §3.1): RS256, which OpenID Connect requires every provider to
/// offer (RSA 2048), and ES256 (P-256), smaller and faster. One key of each is active at a time.
/// </summary>
public static class SigningAlgorithms
{
    public const string RS256 = "RS256";
    public const string ES256 = "ES256";

    public static readonly IReadOnlyList<string> All = [RS256, ES256];

    public static bool IsSupported(string? algorithm) => algorithm is RS256 or ES256;
}
