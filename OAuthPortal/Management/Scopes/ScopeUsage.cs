namespace OAuthPortal.Management.Scopes;

/// <summary>A scope, whether it is user-only, and what uses it: consent grants, codes not yet exchanged, active tokens.</summary>
public sealed record ScopeUsage(int Id, string Name, string Description, int Grants, int PendingCodes, int ActiveTokens, bool UserOnly)
{
    public bool InUse => Grants > 0 || PendingCodes > 0 || ActiveTokens > 0;
}
