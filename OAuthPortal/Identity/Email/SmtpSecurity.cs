namespace OAuthPortal.Identity.Email;

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS, which must succeed.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS).</summary>
    Tls,

    /// <summary>No TLS: only for a relay on the same machine or a test server.</summary>
    None,
}
