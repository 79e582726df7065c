using Microsoft.Extensions.Options;

namespace OAuthPortal.OAuth.Registration;

/// <summary>
/// The registration mode in force (<see cref="RegistrationOptions.Mode"/>): the configured one, or when none is set the
/// environment's default, <see cref="RegistrationMode.InitialAccessToken"/> in Development and
/// <see cref="RegistrationMode.Disabled"/> elsewhere.
/// </summary>
public sealed class EffectiveRegistrationMode(IOptions<OAuthOptions> options, IHostEnvironment environment)
{
    public RegistrationMode Value => Of(options.Value.Registration, environment);

    public static RegistrationMode Of(RegistrationOptions registration, IHostEnvironment environment) =>
        registration.Mode ?? (environment.IsDevelopment() ? RegistrationMode.InitialAccessToken : RegistrationMode.Disabled);
}
