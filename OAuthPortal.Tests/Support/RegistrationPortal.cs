namespace OAuthPortal.Tests.Support;

/// <summary>A portal with OAuth:Registration:Mode=InitialAccessToken (a class fixture of its own).</summary>
public sealed class RegistrationPortal : IDisposable
{
    public PortalFactory Factory { get; } = Registrations.Factory();

    public void Dispose() => Factory.Dispose();
}
