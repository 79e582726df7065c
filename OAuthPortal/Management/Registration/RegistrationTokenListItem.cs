namespace OAuthPortal.Management.Registration;

/// <summary>
/// An initial access token as its owner's list shows it; never the token (only its hash exists). <see cref="GrantTypes"/>
/// is its cap (wire names), or empty for none.
/// </summary>
public sealed record RegistrationTokenListItem(
    long Id, string Name, DateTime CreatedAt, DateTime ExpiresAt, bool MultiUse, int MaxClients, int RegisteredClients,
    IReadOnlyList<string> GrantTypes, DateTime? RevokedAt, RegistrationTokenStatus Status);
