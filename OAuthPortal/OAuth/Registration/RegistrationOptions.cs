namespace OAuthPortal.OAuth.Registration;

/// <summary>Who may use the dynamic client registration endpoint, <c>POST /oauth2/register</c> (RFC 7591 §3).</summary>
public enum RegistrationMode
{
    /// <summary>The endpoint answers 403 with a JSON error saying registration is off.</summary>
    Disabled,

    /// <summary>A registration needs an initial access token (RFC 7591 §3) made by a developer; its clients are theirs.</summary>
    InitialAccessToken,

    /// <summary>Anyone may register (RFC 7591 §3: "open registration"); the clients belong to no person.</summary>
    Open,
}

/// <summary>Dynamic client registration (section <c>OAuth:Registration</c>; RFC 7591, RFC 7592).</summary>
public sealed class RegistrationOptions
{
    /// <summary>
    /// Who may register. Null means the environment's default: <see cref="RegistrationMode.InitialAccessToken"/> in
    /// Development, <see cref="RegistrationMode.Disabled"/> elsewhere.
    /// </summary>
    public RegistrationMode? Mode { get; set; }

    /// <summary>The mode in force (<see cref="Mode"/> once the environment's default is applied at start-up).</summary>
    public RegistrationMode EffectiveMode => Mode ?? RegistrationMode.Disabled;

    /// <summary>The most clients one multi-use initial access token may register.</summary>
    public int MaxClientsPerToken { get; set; } = 50;

    /// <summary>How long a new initial access token lives unless its maker says otherwise.</summary>
    public TimeSpan DefaultTokenLifetime { get; set; } = TimeSpan.FromDays(1);
}
