using OAuthPortal.Data;
using OAuthPortal.Management.Tokens;

namespace OAuthPortal.Components;

/// <summary>
/// A token as the token table shows it (never its value: only a hash exists). <see cref="User"/> is null for a machine
/// token, which has no user (client_credentials): the table shows it as the client's own. <see cref="Grant"/> says how
/// its grant started; <see cref="DpopBound"/> that it is sender-constrained (RFC 9449).
/// </summary>
public sealed record TokenRow(
    long Id, string Client, string ClientId, string? User, string Scopes, DateTime Created, DateTime Expires, string Status, string Grant, bool DpopBound = false)
{
    public bool IsMachine => User is null;

    /// <summary>The row of an admin search result (a user token without an e-mail shows its user id).</summary>
    public static TokenRow From(TokenListItem token) => new(
        token.Id, token.ClientName, token.ClientId, token.UserId is null ? null : token.UserEmail ?? token.UserId, token.Scopes,
        token.CreatedAt, token.ExpiresAt, token.Status.ToString(), GrantLabel(token.Kind), token.DpopBound);

    public static string GrantLabel(GrantKind kind) => kind switch
    {
        GrantKind.ClientCredentials => "client credentials",
        GrantKind.DeviceCode => "device",
        _ => "authorization code",
    };
}
