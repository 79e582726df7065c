using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Cluster;

/// <summary>
/// Two portal instances (two hosts, two clocks, two instance ids) on one fresh database, both started before a test
/// runs work on them concurrently (a factory builds its host on first use, and two first uses at once build two).
/// </summary>
public sealed class TwoInstances : IDisposable
{
    public TwoInstances(IDictionary<string, string?>? settings = null)
    {
        First = PortalFactory.With(settings ?? new Dictionary<string, string?>());
        Second = PortalFactory.SharingDatabaseOf(First, settings);
        _ = First.Services;
        _ = Second.Services;
    }

    public PortalFactory First { get; }

    public PortalFactory Second { get; }

    /// <summary>Instance <paramref name="i"/> % 2: work spread over both.</summary>
    public PortalFactory Alternate(int i) => i % 2 == 0 ? First : Second;

    public void Dispose()
    {
        Second.Dispose();
        First.Dispose();
    }
}
