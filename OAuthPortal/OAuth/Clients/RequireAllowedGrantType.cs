using OAuthPortal.Data;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// RFC 6749 §5.2 <c>unauthorized_client</c>: a client uses only the grant types it was registered for
/// (<see cref="Client.AllowedGrantTypes"/>, RFC 7591 §2 <c>grant_types</c>). Also the one list of the grant types a
/// client may be registered for (<see cref="Supported"/>), and the stored form of a client's list.
/// </summary>
public static class RequireAllowedGrantType
{
    /// <summary>What a client may use unless registered otherwise (RFC 7591 §2: <c>authorization_code</c>; refresh follows it).</summary>
    public const string DefaultGrantTypes = P.GrantAuthorizationCode + " " + P.GrantRefreshToken;

    /// <summary>
    /// The grant types a client may be registered for (RFC 6749 §§4.1, 4.4, 6; RFC 8628 §3.4), in the order a client's
    /// list is stored and shown.
    /// </summary>
    public static readonly IReadOnlyList<string> Supported =
        [P.GrantAuthorizationCode, P.GrantRefreshToken, P.GrantClientCredentials, P.GrantDeviceCode];

    /// <summary><see cref="DefaultGrantTypes"/> as a list.</summary>
    public static readonly IReadOnlyList<string> Default = [P.GrantAuthorizationCode, P.GrantRefreshToken];

    /// <summary>A client's stored grant types (<see cref="Client.AllowedGrantTypes"/>) as a list.</summary>
    public static IReadOnlyList<string> Of(string allowedGrantTypes) => allowedGrantTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The stored form of <paramref name="grantTypes"/>: the supported ones, space-separated, in <see cref="Supported"/> order.</summary>
    public static string Format(IEnumerable<string> grantTypes)
    {
        var wanted = grantTypes.ToHashSet(StringComparer.Ordinal);
        return string.Join(' ', Supported.Where(wanted.Contains));
    }

    /// <summary>Whether <paramref name="grantType"/> is one of the client's space-separated grant types (no allocation: every grant asks).</summary>
    public static bool Allows(Client client, string grantType)
    {
        foreach (var range in client.AllowedGrantTypes.AsSpan().Split(' '))
        {
            if (client.AllowedGrantTypes.AsSpan()[range].SequenceEqual(grantType))
            {
                return true;
            }
        }

        return false;
    }

    public static OAuthError? Check(Client client, string grantType) => Allows(client, grantType)
        ? null
        : new OAuthError(OAuthErrorCodes.UnauthorizedClient, $"This client is not allowed to use the grant type '{grantType}'.");
}
