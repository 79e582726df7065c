using OAuthPortal.OAuth.Clients;
using M = OAuthPortal.OAuth.Registration.ClientMetadataNames;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Registration;

/// <summary>
/// RFC 7591 §2.1: <c>grant_types</c> and <c>response_types</c> must agree. The portal's only response type is
/// <c>code</c>, which goes with the authorization_code grant and only with it. Omitted response_types follow the
/// grant types; given ones must match them. An empty list counts as omitted, as an empty grant_types does: clients
/// such as Duende.IdentityModel send <c>[]</c> for every list they were not given.
/// </summary>
public static class RequireMatchingResponseTypes
{
    /// <summary>The response types of a client with <paramref name="grantTypes"/>: <c>code</c> with authorization_code, else none.</summary>
    public static IReadOnlyList<string> For(IReadOnlyList<string> grantTypes) =>
        grantTypes.Contains(P.GrantAuthorizationCode) ? [P.ResponseTypeCode] : [];

    /// <summary>The problem with <paramref name="metadata"/>'s response_types, or null.</summary>
    public static string? Check(ClientMetadata metadata)
    {
        if (metadata.ResponseTypes is not { Count: > 0 } responseTypes)
        {
            return null;
        }

        if (responseTypes.FirstOrDefault(r => r != P.ResponseTypeCode) is { } unsupported)
        {
            return $"{M.ResponseTypes}: {FieldText.Quote(unsupported)} is not supported; the only response type is '{P.ResponseTypeCode}'.";
        }

        var grantTypes = GrantTypeRegistrationRules.Effective(metadata.GrantTypes is { Count: > 0 } g ? g : null);
        var usesCode = grantTypes.Contains(P.GrantAuthorizationCode);
        return usesCode ? null : $"{M.ResponseTypes}: '{P.ResponseTypeCode}' needs the {P.GrantAuthorizationCode} grant in {M.GrantTypes}.";
    }
}
