namespace OAuthPortal.Identity;

/// <summary>Settings of section <c>Portal</c>: the web portal around the protocol.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>The first account created on a portal with no admin becomes Admin (true in appsettings.Development.json).</summary>
    public bool FirstUserBecomesAdmin { get; set; }

    /// <summary>Users must confirm their e-mail before signing in. Needs an e-mail sender, which this portal does not ship.</summary>
    public bool RequireConfirmedAccount { get; set; }

    /// <summary>Failed sign-ins before an account is locked out.</summary>
    public int MaxFailedAccessAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
