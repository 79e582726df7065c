namespace OAuthPortal.OAuth;

/// <summary>Settings of section <c>OAuth:SigningKeys</c>: when the ring rotates.</summary>
public sealed class SigningKeyOptions
{
    /// <summary>How long a key signs before the next one takes over.</summary>
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long a new key is published in the JWKS before it signs, so that clients' caches have it.</summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromDays(1);
}
