namespace OAuthPortal.Identity;

/// <summary>Settings of section <c>Portal</c>: the web portal around the protocol.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>The first account created on a portal with no admin becomes Admin (true in appsettings.Development.json).</summary>
    public bool FirstUserBecomesAdmin { get; set; }

    /// <summary>Users must confirm their e-mail address before signing in. Needs Portal:Email (the portal refuses to start without it).</summary>
    public bool RequireConfirmedAccount { get; set; }

    /// <summary>
    /// Wrong passwords for one e-mail address from one source (IP address, or IPv6 /64) before that source is locked out
    /// of that address for <see cref="LockoutDuration"/>. Someone guessing from elsewhere cannot lock the owner out.
    /// </summary>
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>
    /// Wrong passwords for one e-mail address from all sources together before the address is locked out everywhere
    /// (guessing spread over many addresses; NIST SP 800-63B §5.2.2 allows at most 100).
    /// </summary>
    public int MaxFailedAccessAttemptsPerAccount { get; set; } = 100;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a server-side session check is remembered by one instance: an ended session (logout, password change,
    /// lock) is refused at once by the instance that ended it, and by every other instance within this interval.
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The Register page says when an e-mail address already has an account, and signs a new user in at once. Off (the
    /// default outside Development), registering answers the same whether or not the address is taken: the new user
    /// then logs in (or confirms the e-mail first), and the owner of a taken address is told by e-mail when e-mail is
    /// configured.
    /// </summary>
    public bool RegistrationRevealsExistingAccounts { get; set; }

    /// <summary>
    /// An administrator (Admin role) without a second factor (<see cref="SecondFactor"/>) who opens any admin page is
    /// sent to set up an authenticator app first, and back afterwards. On by default; off in appsettings.Development.json.
    /// </summary>
    public bool RequireTwoFactorForAdmins { get; set; } = true;
}
