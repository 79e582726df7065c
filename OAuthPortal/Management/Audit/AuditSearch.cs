using OAuthPortal.Data;

namespace OAuthPortal.Management.Audit;

/// <summary>
/// The audit log's filters, each optional: one action, a substring of the actor (case-insensitive), and a time range
/// (<see cref="Since"/> inclusive, <see cref="Until"/> exclusive, UTC).
/// </summary>
public sealed record AuditSearch(AuditAction? Action = null, string? Actor = null, DateTime? Since = null, DateTime? Until = null);
