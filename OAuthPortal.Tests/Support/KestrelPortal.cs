using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// The real portal on a real Kestrel socket at <c>http://127.0.0.1:PORT</c>, for clients that are not HttpClients
/// of the test server: a browser, ASP.NET Core's OAuth handler, IdentityModel. Plain http on loopback, so
/// OAuth:RequireHttps is off (cookies are then Secure only over https); the issuer is the request's origin.
/// The controllable clock starts at the wall-clock time, not at <see cref="PortalFactory.Start"/>: these clients check
/// the portal's JWTs (<c>exp</c>, <c>iat</c>) against their own clocks.
/// </summary>
public sealed class KestrelPortal : IDisposable
{
    private KestrelPortal(PortalFactory factory, Uri baseAddress)
    {
        Factory = factory;
        BaseAddress = baseAddress;
    }

    public PortalFactory Factory { get; }

    /// <summary>http://127.0.0.1:PORT (no trailing slash in <see cref="Origin"/>).</summary>
    public Uri BaseAddress { get; }

    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    public static KestrelPortal Start(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["OAuth:RequireHttps"] = "false" };
        var factory = PortalFactory.With(all, configureServices: configureServices);
        factory.Clock.SetUtcNow(DateTimeOffset.UtcNow); // before start: the first signing keys are dated by it
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal)))
            .First();
        return new KestrelPortal(factory, new Uri($"http://127.0.0.1:{address.Port}"));
    }

    /// <summary>A plain HttpClient over the socket (no cookies kept, no redirects followed).</summary>
    public HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };

    /// <summary>
    /// A browser-like HttpClient (cookies kept, redirects not followed) whose connections come from
    /// <paramref name="from"/>, a loopback address such as 127.0.0.2: the portal sees it as the client's IP address.
    /// </summary>
    public HttpClient CreateBrowser(IPAddress from) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = new CookieContainer(),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(from.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = BaseAddress };

    public void Dispose() => Factory.Dispose();
}
