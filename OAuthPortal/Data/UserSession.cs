namespace OAuthPortal.Data;

/// <summary>
/// A browser's sign-in to the portal. Its id travels in the sign-in cookie (claim <c>sid</c>) and is checked against
/// this row, so logging out, a password change, "sign out everywhere" or an admin's lock ends the session on the
/// server: a copy of the cookie saved earlier no longer works. The id is an identifier, not a credential (the cookie
/// is what proves the sign-in, and OpenID Connect hands the id to clients as <c>sid</c>), so it is stored as it is.
/// </summary>
public sealed class UserSession
{
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";
    public PortalUser? User { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When a request last came with the session's cookie (recorded at most once a minute).</summary>
    public DateTime LastSeenAt { get; set; }

    /// <summary>When the session was ended (logout, password change, sign out elsewhere, lock); null while it lasts.</summary>
    public DateTime? EndedAt { get; set; }

    /// <summary>The address the session was last seen from.</summary>
    public string? IpAddress { get; set; }

    /// <summary>The browser's User-Agent at sign-in, shortened.</summary>
    public string? UserAgent { get; set; }
}
