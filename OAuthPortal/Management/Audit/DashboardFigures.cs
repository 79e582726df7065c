namespace OAuthPortal.Management.Audit;

/// <summary>The admin dashboard's numbers: totals, and tokens issued on each of the last days (oldest first).</summary>
public sealed record DashboardFigures(int Users, int Clients, int Scopes, int ActiveTokens, IReadOnlyList<DailyCount> TokensPerDay);
