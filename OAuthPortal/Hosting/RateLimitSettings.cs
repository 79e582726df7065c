namespace OAuthPortal.Hosting;

/// <summary>Settings of section <c>Portal:RateLimits</c>: requests per minute before 429 (raise them for load tests).</summary>
public sealed class RateLimitSettings
{
    public const string SectionName = "Portal:RateLimits";

    /// <summary>
    /// Token, revocation and introspection requests per minute per client, counted per client_id and credential of an
    /// HTTP Basic header (someone without the secret cannot use up a client's allowance).
    /// </summary>
    public int OAuthPermitsPerMinute { get; set; } = 1200;

    /// <summary>
    /// Token, revocation and introspection requests per minute per IP address, whatever the client (public clients,
    /// client_secret_post, made-up client_ids): made-up credentials cannot buy fresh allowances.
    /// </summary>
    public int OAuthPermitsPerMinutePerAddress { get; set; } = 6000;

    /// <summary>
    /// Dynamic client registrations (POST /oauth2/register) per minute per IP address; reading, replacing and deleting
    /// a registration count against <see cref="OAuthPermitsPerMinutePerAddress"/>.
    /// </summary>
    public int RegistrationPermitsPerMinutePerAddress { get; set; } = 20;

    /// <summary>Sign-in attempts (login form POSTs) per minute per IP address.</summary>
    public int LoginPermitsPerMinute { get; set; } = 30;
}
