namespace OAuthPortal.Data;

/// <summary>
/// A named piece of cluster-wide work (pruning, the signing-key check) or a cluster-wide lock (the Admin role), held
/// by one portal instance at a time: taken by a conditional UPDATE when free or expired, so an instance that dies
/// while holding it holds it no longer than <see cref="ExpiresAt"/>. See <see cref="ClusterLeases"/>.
/// </summary>
public sealed class ClusterLease
{
    public string Name { get; set; } = "";

    /// <summary>The instance that holds it (a random id per process), or empty when released.</summary>
    public string Holder { get; set; } = "";

    public DateTime ExpiresAt { get; set; }
}
