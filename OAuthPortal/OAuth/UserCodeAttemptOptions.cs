namespace OAuthPortal.OAuth;

/// <summary>
/// Limits on wrong user codes at the device page (section <c>OAuth:UserCodeAttempts</c>). A user code has about 35
/// bits (8 letters of 20), so guessing must be slowed down per user and per source (RFC 8628 §5.1): past a limit the
/// page refuses every code from that user, or that source, for <see cref="LockoutDuration"/>.
/// </summary>
public sealed class UserCodeAttemptOptions
{
    /// <summary>Wrong codes one signed-in user may enter before being locked out.</summary>
    public int PerUser { get; set; } = 5;

    /// <summary>Wrong codes one source (IP address, or IPv6 /64) may enter before being locked out.</summary>
    public int PerSource { get; set; } = 20;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
