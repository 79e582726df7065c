namespace OAuthPortal.Tests.Support;

/// <summary>
/// Tests that compare durations: xunit runs this collection on its own, after the parallel ones, so other tests do not
/// share the two cores while it measures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive (runs alone)";
}
