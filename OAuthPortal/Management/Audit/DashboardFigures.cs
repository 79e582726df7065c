namespace OAuthPortal.Management.Audit;

/// <summary>
/// The admin dashboard's numbers: totals, and tokens issued on each of the last days (oldest first). Tokens are every
/// token, users' and machines'; <see cref="ActiveMachineTokens"/> is the part of <see cref="ActiveTokens"/> that has no
/// user (client_credentials).
/// </summary>
public sealed record DashboardFigures(int Users, int Clients, int Scopes, int ActiveTokens, int ActiveMachineTokens, IReadOnlyList<DailyCount> TokensPerDay);
