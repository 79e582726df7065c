using System.Security.Cryptography;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Oidc.Keys;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// Test portals take their RSA keys from a small pool made once per test run, instead of making a fresh RSA 2048 key
/// (a fifth of a second of CPU) for every portal started. Successive keys differ (round robin over the pool), so a
/// rotation within one portal still changes the key; EC keys are cheap and stay fresh.
/// </summary>
public sealed class PooledSigningKeyGenerator : SigningKeyGenerator
{
    public static readonly PooledSigningKeyGenerator Instance = new();

    private const int PoolSize = 8;
    private static readonly Lazy<byte[][]> Pool = new(() => Enumerable.Range(0, PoolSize).Select(_ =>
    {
        using var rsa = RSA.Create(RsaKeySize);
        return rsa.ExportPkcs8PrivateKey();
    }).ToArray());

    private int _next = Random.Shared.Next(PoolSize);

    public override AsymmetricAlgorithm Generate(string algorithm)
    {
        if (algorithm != SigningAlgorithms.RS256)
        {
            return base.Generate(algorithm);
        }

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Pool.Value[(Interlocked.Increment(ref _next) & int.MaxValue) % PoolSize], out _);
        return rsa;
    }
}
