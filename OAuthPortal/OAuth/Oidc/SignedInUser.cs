using System.Globalization;
using System.Security.Claims;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>
/// The portal sign-in behind an authorization request, as the sign-in cookie describes it: who (<c>sub</c>), which
/// session (<c>sid</c>), when they authenticated (<c>auth_time</c>) and how (<c>amr</c>). Identity puts these claims
/// into the cookie at sign-in.
/// </summary>
public sealed record SignedInUser(string UserId, string? SessionId, DateTime? AuthTime, IReadOnlyList<string> Methods)
{
    /// <summary>The claim Identity's SignInManager records the authentication method in (RFC 8176 values).</summary>
    public const string MethodClaimType = OidcClaimNames.AuthenticationMethods;

    /// <summary>Null for an anonymous principal.</summary>
    public static SignedInUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return null;
        }

        DateTime? authTime = long.TryParse(principal.FindFirstValue(OidcClaimNames.AuthTime), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : null;
        return new SignedInUser(userId, principal.FindFirstValue(OidcClaimNames.SessionId), authTime, MethodsOf(principal));
    }

    /// <summary>
    /// <c>pwd</c> for a password sign-in; with a second factor (Identity's <c>mfa</c>) <c>pwd mfa otp</c>: the portal's
    /// second factor is an authenticator app's one-time code (or a recovery code, also one-time). A passkey sign-in
    /// (<c>pop</c>: proof of possession of a key) says <c>pop mfa</c> when the authenticator verified the user (PIN or
    /// biometric unlocking the key: two factors), else <c>pop</c> alone; never <c>pwd</c>.
    /// </summary>
    private static IReadOnlyList<string> MethodsOf(ClaimsPrincipal principal)
    {
        var claimed = principal.FindAll(MethodClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (claimed.Contains(OidcClaimNames.MethodProofOfPossession))
        {
            return claimed.Contains(OidcClaimNames.MethodMultiFactor)
                ? [OidcClaimNames.MethodProofOfPossession, OidcClaimNames.MethodMultiFactor]
                : [OidcClaimNames.MethodProofOfPossession];
        }

        return claimed.Contains(OidcClaimNames.MethodMultiFactor)
            ? [OidcClaimNames.MethodPassword, OidcClaimNames.MethodMultiFactor, OidcClaimNames.MethodOneTimePassword]
            : [OidcClaimNames.MethodPassword];
    }
}
