using System.Net;
using System.Net.Sockets;

namespace OAuthPortal.OAuth.Oidc.Logout;

/// <summary>
/// Back-channel logout POSTs go to public addresses only: any signed-in user can register a client, so the URI is
/// theirs to choose, and without this rule the portal would POST, on their say-so, to its own loopback, the private
/// network behind it, or a cloud metadata service (server-side request forgery). Checked when the URI is registered (an
/// address literal or <c>localhost</c>) and again at every connection (whatever the host name resolves to then, which
/// also defeats DNS rebinding). While OAuth:RequireHttps is off (Development) private addresses are allowed, so that a
/// relying party on the developer's machine can be reached.
/// </summary>
public static class RequirePublicAddress
{
    /// <summary>False for loopback, private, shared (CGNAT), link-local, unique-local, multicast, reserved and unspecified addresses.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224 ||
                     (b[0] == 100 && b[1] is >= 64 and <= 127) ||
                     (b[0] == 169 && b[1] == 254) ||
                     (b[0] == 172 && b[1] is >= 16 and <= 31) ||
                     (b[0] == 192 && b[1] == 168) ||
                     (b[0] == 192 && b[1] == 0 && b[2] == 0) ||
                     (b[0] == 198 && b[1] is 18 or 19));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var v6 = address.GetAddressBytes();
        return !(IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal ||
                 address.IsIPv6Multicast || (v6[0] & 0xFE) == 0xFC || address.IsIPv6Teredo);
    }

    /// <summary>Whether a registered URI's host is, by its very name, not public: an address literal that is not, or <c>localhost</c>.</summary>
    public static bool NamesPrivateHost(Uri uri) =>
        uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal) && !IsPublic(literal));

    /// <summary>The connection step of the back-channel HttpClient: resolve, keep only public addresses, connect to one of them.</summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"{endpoint.Host} has no public address: back-channel logout goes to public addresses only.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
