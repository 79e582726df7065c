namespace OAuthPortal.Data;

/// <summary>
/// An initial access token (RFC 7591 §3): what a developer hands a program so that it can register clients at
/// <c>/oauth2/register</c>. Created in the developer area or with the CLI, shown once, stored as a SHA-256 hash,
/// revocable. The clients it registers belong to its owner (<see cref="Client.InitialAccessTokenId"/>).
/// </summary>
public sealed class InitialAccessToken
{
    public const int MaxNameLength = 128;

    public long Id { get; set; }

    /// <summary>SHA-256 of the token (256 random bits, base64url); the token itself is never stored.</summary>
    public byte[] TokenHash { get; set; } = [];

    public string OwnerId { get; set; } = "";
    public PortalUser? Owner { get; set; }

    /// <summary>What the developer calls it ("CI agent", "MCP gateway"), shown in their list and the audit log.</summary>
    public string Name { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>False: the token registers one client, then is spent. True: it registers up to <see cref="MaxClients"/>.</summary>
    public bool MultiUse { get; set; }

    /// <summary>The most clients a multi-use token may register (abuse limit; <c>OAuth:Registration:MaxClientsPerToken</c> at most).</summary>
    public int MaxClients { get; set; }

    /// <summary>How many clients it registered; raised by a conditional UPDATE, so two registrations cannot both take the last one.</summary>
    public int RegisteredClients { get; set; }

    /// <summary>The grant types a client registered with it may have (space-separated wire names), or null for any.</summary>
    public string? AllowedGrantTypes { get; set; }

    public DateTime? RevokedAt { get; set; }
}
