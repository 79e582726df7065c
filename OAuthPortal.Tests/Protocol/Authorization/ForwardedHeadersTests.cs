using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Authorization;

/// <summary>Behind a TLS-terminating proxy, RequireHttps sees the scheme the proxy reports, but only when trusted.</summary>
public sealed class ForwardedHeadersTests
{
    private static PortalFactory ProxiedPortal(bool enabled)
    {
        var factory = PortalFactory.With(
            new Dictionary<string, string?> { ["Portal:ForwardedHeaders:Enabled"] = enabled ? "true" : "false" },
            configureServices: services => services.AddTransient<IStartupFilter, LoopbackPeer>());
        return factory;
    }

    /// <summary>The browser talks https to the proxy; the proxy talks http to the portal and says so in a header.</summary>
    private static async Task<HttpResponseMessage> GetThroughProxyAsync(PortalFactory factory)
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var proxy = await SignIn.HttpClientForAsync(factory, scenario.User.Email!);
        var request = new HttpRequestMessage(HttpMethod.Get, scenario.AuthorizeUrl());
        request.Headers.Add("X-Forwarded-Proto", "https");
        return await proxy.SendAsync(request);
    }

    [Fact]
    public async Task Authorize_HttpWithForwardedHttpsFromTrustedProxy_IsTreatedAsHttps()
    {
        using var factory = ProxiedPortal(enabled: true);

        var response = await GetThroughProxyAsync(factory);

        Html.AssertStatus(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task Authorize_ForwardedHttpsWhenForwardingIsOff_IsStillInsecure()
    {
        using var factory = ProxiedPortal(enabled: false);

        var response = await GetThroughProxyAsync(factory);

        await OAuthAssert.ErrorPage(response, "insecure_request");
    }

    /// <summary>TestServer has no peer address; this makes every request come from 127.0.0.1 (a trusted proxy by default).</summary>
    private sealed class LoopbackPeer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
