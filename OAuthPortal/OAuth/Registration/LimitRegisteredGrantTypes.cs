using OAuthPortal.OAuth.Clients;
using M = OAuthPortal.OAuth.Registration.ClientMetadataNames;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Registration;

/// <summary>
/// Which grant types a program may register on top of <see cref="GrantTypeRegistrationRules"/>: within the cap of the
/// initial access token that allows it (RFC 7591 §3: the token may limit what it registers); and, with open
/// registration, never client_credentials: no person stands behind such a client, so it must not get access to APIs
/// that no user granted.
/// </summary>
public static class LimitRegisteredGrantTypes
{
    /// <summary>
    /// The problem with <paramref name="grantTypes"/> for a client registered openly (<paramref name="open"/>) or with an
    /// initial access token whose cap is <paramref name="cap"/> (space-separated; null for none), or null.
    /// </summary>
    public static string? Check(IReadOnlyList<string>? grantTypes, bool open, string? cap)
    {
        var effective = GrantTypeRegistrationRules.Effective(grantTypes);
        if (open && effective.Contains(P.GrantClientCredentials))
        {
            return $"{M.GrantTypes}: {P.GrantClientCredentials} cannot be registered without an initial access token (open registration serves clients that act for users).";
        }

        return cap is null || effective.All(RequireAllowedGrantType.Of(cap).Contains)
            ? null
            : $"{M.GrantTypes}: the initial access token allows only {string.Join(", ", RequireAllowedGrantType.Of(cap))}.";
    }
}
