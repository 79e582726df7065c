using System.Security.Cryptography;

namespace OAuthPortal.Data;

/// <summary>
/// This portal instance among those sharing the database: an id made once per host (a singleton, not a static, so that
/// two hosts in one process, as in the tests, are two instances), under which it holds <see cref="ClusterLease"/>s.
/// The machine name and process id are there for whoever reads the table; the random part makes it unique.
/// </summary>
public sealed class ClusterInstance
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}";
}
