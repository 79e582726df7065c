namespace OAuthPortal.Management.Scopes;

/// <summary>
/// A scope edit that was saved: its name, and when it has just become user-only, from how many clients' machine scopes
/// it was removed and how many live tokens without a user that carried it were revoked.
/// </summary>
public sealed record ScopeSaved(string Name, bool BecameUserOnly, int MachineClients, int RevokedTokens);
