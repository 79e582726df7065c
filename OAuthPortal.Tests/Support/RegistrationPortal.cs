namespace OAuthPortal.Tests.Support;

/// <summary>
/// A class fixture: the portal with dynamic client registration in <c>InitialAccessToken</c> mode (the Testing
/// environment's default is Disabled), for the developer page and the CLI of initial access tokens.
/// </summary>
public sealed class RegistrationPortal : IDisposable
{
    public PortalFactory Factory { get; } = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:Registration:Mode"] = "InitialAccessToken" });

    public void Dispose() => Factory.Dispose();
}
