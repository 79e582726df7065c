using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>
/// The JWT and OpenID Connect claim names the portal issues (RFC 7519 §4.1, OpenID Connect Core §§2, 5.1); those that
/// introspection answers too are <see cref="OAuthParameterNames"/>'s, named here again.
/// </summary>
public static class OidcClaimNames
{
    public const string Issuer = P.Issuer;
    public const string Subject = P.Subject;
    public const string Audience = "aud";
    public const string ExpiresAt = P.ExpiresAt;
    public const string IssuedAt = P.IssuedAt;
    public const string JwtId = "jti";
    public const string AuthTime = "auth_time";
    public const string Nonce = "nonce";
    public const string AccessTokenHash = "at_hash";
    public const string AuthorizedParty = "azp";
    public const string SessionId = "sid";
    public const string AuthenticationMethods = "amr";
    public const string Events = "events";

    public const string Name = "name";
    public const string PreferredUsername = "preferred_username";
    public const string GivenName = "given_name";
    public const string FamilyName = "family_name";
    public const string UpdatedAt = "updated_at";
    public const string Email = P.Email;
    public const string EmailVerified = "email_verified";

    /// <summary><c>amr</c> values (RFC 8176 §2).</summary>
    public const string MethodPassword = "pwd";
    public const string MethodMultiFactor = "mfa";
    public const string MethodOneTimePassword = "otp";
    public const string MethodProofOfPossession = "pop";

    /// <summary>The <c>events</c> member of a logout token (Back-Channel Logout 1.0 §2.4).</summary>
    public const string BackchannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";
}
