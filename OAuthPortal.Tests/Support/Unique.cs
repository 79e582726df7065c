namespace OAuthPortal.Tests.Support;

/// <summary>Unique names, so tests that share a database never see each other's data.</summary>
public static class Unique
{
    public static string Email(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.test";

    public static string Name(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];
}
