namespace OAuthPortal.OAuth;

/// <summary>Settings of section <c>OAuth:BackchannelLogout</c>: how logout tokens are delivered to clients.</summary>
public sealed class BackchannelLogoutOptions
{
    /// <summary>How long one delivery may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times a delivery is tried in all.</summary>
    public int Attempts { get; set; } = 3;

    /// <summary>The wait before the first retry; it doubles before each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
