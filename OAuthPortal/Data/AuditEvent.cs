namespace OAuthPortal.Data;

/// <summary>
/// One entry of the audit log: who did what to what, when, from where. Append-only: the portal never updates or
/// deletes these rows (token pruning keeps them).
/// </summary>
public sealed class AuditEvent
{
    public const int MaxActorLength = 256;
    public const int MaxTargetLength = 512;
    public const int MaxDetailsLength = 2000;

    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>Who: a user's e-mail, "client:&lt;client_id&gt;", "cli", "system", or "anonymous".</summary>
    public string Actor { get; set; } = "";

    public AuditAction Action { get; set; }

    /// <summary>What it was done to, e.g. "client:abc (Billing)", "user:x@example.com", "scope:profile".</summary>
    public string Target { get; set; } = "";

    public string Details { get; set; } = "";

    /// <summary>The client's IP address for events raised by a request; null for the CLI and background work.</summary>
    public string? IpAddress { get; set; }
}
