namespace OAuthPortal.Identity.Email;

/// <summary>
/// Settings of section <c>Portal:Email</c>: how the portal sends e-mail (account confirmation, password reset, the
/// notice to an address's owner when someone tries to register it). Unset, the portal sends none.
/// </summary>
public sealed class EmailSettings
{
    public const string SectionName = "Portal:Email";

    /// <summary>The sender, e.g. <c>OAuthPortal &lt;no-reply@auth.example.com&gt;</c>. Required when e-mail is configured.</summary>
    public string? From { get; set; }

    /// <summary>Write each message as an .eml file to this folder instead of sending it (development and tests).</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>The SMTP server that delivers the portal's mail.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    /// <summary><c>StartTls</c> (the default: port 587), <c>Tls</c> (TLS from the start: port 465), or <c>None</c> (a relay on this machine only).</summary>
    public SmtpSecurity SmtpSecurity { get; set; } = SmtpSecurity.StartTls;

    public string? SmtpUserName { get; set; }

    public string? SmtpPassword { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(PickupDirectory) || !string.IsNullOrWhiteSpace(SmtpHost);
}
