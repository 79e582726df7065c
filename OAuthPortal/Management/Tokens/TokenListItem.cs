using OAuthPortal.Data;

namespace OAuthPortal.Management.Tokens;

/// <summary>
/// A token as admin tables show it: never its value (only a hash exists). <see cref="UserId"/> is null for a machine
/// token (client_credentials: the client's own); <see cref="Kind"/> is how its grant started.
/// </summary>
public sealed record TokenListItem(
    long Id, string ClientId, string ClientName, string? UserId, string? UserEmail, string Scopes,
    DateTime CreatedAt, DateTime ExpiresAt, DateTime? RefreshExpiresAt, TokenStatus Status, DateTime? RevokedAt, TokenRevocationReason? RevocationReason,
    GrantKind Kind, bool DpopBound = false);
