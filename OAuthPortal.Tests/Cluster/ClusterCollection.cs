namespace OAuthPortal.Tests.Cluster;

/// <summary>
/// The cluster test classes run one after the other: each starts its own topology (nginx and three portal processes),
/// and two at once on a small machine would make the timings of both meaningless.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "Cluster";
}
