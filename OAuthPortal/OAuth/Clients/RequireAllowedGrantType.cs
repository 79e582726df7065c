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

    public static bool Allows(Client client, string grantType) =>
        client.AllowedGrantTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(grantType, StringComparer.Ordinal);

    public static OAuthError? Check(Client client, string grantType) => Allows(client, grantType)
        ? null
        : new OAuthError(OAuthErrorCodes.UnauthorizedClient, $"This client is not allowed to use the grant type '{grantType}'.");
}
