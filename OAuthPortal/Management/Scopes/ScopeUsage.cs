namespace OAuthPortal.Management.Scopes;

/// <summary>
/// A scope, whether it is user-only, and what uses it: consent grants, codes not yet exchanged (authorization codes and
/// device codes still waiting or approved), active tokens, and clients that have it as a machine scope.
/// </summary>
public sealed record ScopeUsage(int Id, string Name, string Description, int Grants, int PendingCodes, int ActiveTokens, bool UserOnly, int MachineClients)
{
    public bool InUse => Grants > 0 || PendingCodes > 0 || ActiveTokens > 0 || MachineClients > 0;
}
