using OAuthPortal.Data;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// RFC 6749 §5.2 <c>unauthorized_client</c>: a client uses only the grant types it was registered for
/// (<see cref="Client.AllowedGrantTypes"/>, RFC 7591 §2 <c>grant_types</c>).
/// </summary>
public static class RequireAllowedGrantType
{
    /// <summary>What a client may use unless registered otherwise (RFC 7591 §2: <c>authorization_code</c>; refresh follows it).</summary>
    public const string DefaultGrantTypes = P.GrantAuthorizationCode + " " + P.GrantRefreshToken;

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
