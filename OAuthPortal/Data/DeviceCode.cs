namespace OAuthPortal.Data;

/// <summary>
/// A device authorization (RFC 8628 §3.2): the device polls with the <c>device_code</c>, a user enters the
/// <c>user_code</c> on another screen and decides. Both values are stored only as SHA-256 hashes. It belongs to a
/// <see cref="Grant"/> from the start (with no user until one approves), so its tokens form one family like a code's.
/// </summary>
public sealed class DeviceCode : IGrantMember
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the device_code the device polls with (256 bits of randomness).</summary>
    public byte[] DeviceCodeHash { get; set; } = [];

    /// <summary>SHA-256 of the normalized user_code (8 letters, no dash).</summary>
    public byte[] UserCodeHash { get; set; } = [];

    public string ClientId { get; set; } = "";
    public Client? Client { get; set; }

    public long GrantId { get; set; }
    public Grant? Grant { get; set; }

    /// <summary>The user who decided; null while pending.</summary>
    public string? UserId { get; set; }
    public PortalUser? User { get; set; }

    /// <summary>The scopes the device asked for; the user allows or declines them as a whole.</summary>
    public List<Scope> Scopes { get; set; } = [];

    public DeviceCodeStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? DecidedAt { get; set; }

    /// <summary>The minimum seconds between polls; <c>slow_down</c> adds 5 (RFC 8628 §3.5).</summary>
    public int PollingInterval { get; set; }

    /// <summary>When the device last polled; a poll sooner than <see cref="PollingInterval"/> after it is told to slow down.</summary>
    public DateTime? LastPolledAt { get; set; }

    /// <summary>Set, once and atomically, when the approved code is exchanged for tokens.</summary>
    public DateTime? ConsumedAt { get; set; }
}
