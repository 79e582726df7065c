using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OAuthPortal.Hosting.Telemetry;

/// <summary>
/// Who may scrape <see cref="PrometheusSettings.Path"/>: a caller whose address (after <c>Portal:ForwardedHeaders</c>,
/// when on) is in <see cref="PrometheusSettings.AllowedNetworks"/> (loopback by default), or one presenting
/// <see cref="PrometheusSettings.BearerToken"/>, compared in constant time (as SHA-256 hashes, so the length of the
/// secret does not show either). Everyone else is answered as if the endpoint did not exist. A request that came through
/// an untrusted proxy (it still carries <c>X-Forwarded-For</c> or <c>Forwarded</c>) is not admitted by its address.
/// </summary>
public sealed class MetricsEndpointAccess
{
    private static readonly System.Net.IPNetwork[] Loopback = [new(IPAddress.Loopback, 8), new(IPAddress.IPv6Loopback, 128)];

    private readonly System.Net.IPNetwork[] _networks;
    private readonly byte[]? _tokenHash;

    public MetricsEndpointAccess(IOptions<TelemetrySettings> settings)
    {
        var prometheus = settings.Value.Prometheus;
        _networks = prometheus.AllowedNetworks.Count == 0 ? Loopback
            : [.. prometheus.AllowedNetworks.Select(n => ParseNetwork(n) ?? throw new InvalidOperationException($"Not a network: '{n}'."))];
        _tokenHash = string.IsNullOrWhiteSpace(prometheus.BearerToken) ? null : Hash(prometheus.BearerToken.Trim());
    }

    /// <summary>A CIDR network ("10.0.0.0/8") or a single address ("192.0.2.7", as a /32 or /128), or null.</summary>
    public static System.Net.IPNetwork? ParseNetwork(string value) =>
        System.Net.IPNetwork.TryParse(value, out var network) ? network
        : IPAddress.TryParse(value, out var address) ? new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8)
        : null;

    public bool Allows(HttpContext context)
    {
        // A forwarding header still on the request means a proxy the portal does not trust (Portal:ForwardedHeaders off, or
        // not from a known proxy) relayed it: the peer address is the proxy's own, often loopback, and says nothing about
        // the caller. Then only the secret admits.
        var relayed = context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Request.Headers.ContainsKey("Forwarded");
        if (!relayed && context.Connection.RemoteIpAddress is { } address)
        {
            var caller = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            if (_networks.Any(n => n.Contains(caller)))
            {
                return true;
            }
        }

        return _tokenHash is not null
            && context.Request.Headers.Authorization is [{ } authorization]
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Hash(authorization["Bearer ".Length..].Trim()), _tokenHash);
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
