using OAuthPortal.Data;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// Which grant types a client may be registered for (RFC 7591 §2 <c>grant_types</c>), wherever the registration comes
/// from: each one of <see cref="RequireAllowedGrantType.Supported"/>, none twice; never <c>client_credentials</c> for a
/// public client (RFC 6749 §4.4: the client authenticates, and a public client has nothing to authenticate with);
/// <c>refresh_token</c> only beside a grant that involves a user (<c>authorization_code</c> or the device grant), since
/// it only extends those (RFC 6749 §4.4.3: no refresh token for client credentials). Used by
/// <see cref="ClientRegistrationRules"/>.
/// </summary>
public static class GrantTypeRegistrationRules
{
    /// <summary>The grant types a registration asks for: the default (authorization_code, refresh_token) when it names none.</summary>
    public static IReadOnlyList<string> Effective(IReadOnlyList<string>? requested) =>
        requested is null or { Count: 0 } ? RequireAllowedGrantType.Default : requested;

    /// <summary>Redirect URIs are needed only where users are sent back with a code (RFC 6749 §3.1.2).</summary>
    public static bool NeedsRedirectUris(IReadOnlyList<string> grantTypes) => grantTypes.Contains(P.GrantAuthorizationCode);

    /// <summary>The problems of <paramref name="requested"/> for a client of type <paramref name="type"/> (none when acceptable).</summary>
    public static IEnumerable<string> Validate(ClientType type, IReadOnlyList<string>? requested)
    {
        var grantTypes = Effective(requested);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var grantType in grantTypes)
        {
            if (!RequireAllowedGrantType.Supported.Contains(grantType))
            {
                yield return $"{FieldText.Quote(grantType)} is not a grant type this portal supports (use {string.Join(", ", RequireAllowedGrantType.Supported)}).";
            }
            else if (!seen.Add(grantType))
            {
                yield return $"The grant type {grantType} is listed twice.";
            }
        }

        if (type == ClientType.Public && seen.Contains(P.GrantClientCredentials))
        {
            yield return $"A public client cannot use {P.GrantClientCredentials}: it has no secret to authenticate with.";
        }

        if (seen.Contains(P.GrantRefreshToken) && !seen.Contains(P.GrantAuthorizationCode) && !seen.Contains(P.GrantDeviceCode))
        {
            yield return $"{P.GrantRefreshToken} only extends the tokens of {P.GrantAuthorizationCode} or the device grant ({P.GrantDeviceCode}): allow one of those too.";
        }
    }
}
