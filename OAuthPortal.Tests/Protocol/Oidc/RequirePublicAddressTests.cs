using System.Net;
using System.Net.Sockets;
using OAuthPortal.OAuth.Oidc.Logout;

namespace OAuthPortal.Tests.Protocol.Oidc;

/// <summary>Back-channel logout goes to public addresses only (no server-side request forgery through a registered URI).</summary>
public sealed class RequirePublicAddressTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    public void IsPublic_PrivateOrSpecialAddress_IsFalse(string address) =>
        Assert.False(RequirePublicAddress.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsPublic_PublicAddress_IsTrue(string address) =>
        Assert.True(RequirePublicAddress.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://localhost/bc", true)]
    [InlineData("https://app.localhost/bc", true)]
    [InlineData("https://127.0.0.1/bc", true)]
    [InlineData("https://[::1]:8443/bc", true)]
    [InlineData("https://169.254.169.254/latest", true)]
    [InlineData("https://rp.example.com/bc", false)]
    [InlineData("https://93.184.216.34/bc", false)]
    public void NamesPrivateHost_RegisteredUri_TellsAddressLiteralsAndLocalhost(string uri, bool expected) =>
        Assert.Equal(expected, RequirePublicAddress.NamesPrivateHost(new Uri(uri)));

    [Fact]
    public async Task ConnectAsync_LoopbackWhenPrivateIsNotAllowed_RefusesWithoutConnecting()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var refused = await Assert.ThrowsAsync<HttpRequestException>(async () =>
            await RequirePublicAddress.ConnectAsync(new DnsEndPoint("127.0.0.1", port), allowPrivate: false, CancellationToken.None));

        Assert.Contains("public addresses only", refused.Message);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task ConnectAsync_LoopbackInDevelopment_Connects()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await using var stream = await RequirePublicAddress.ConnectAsync(new DnsEndPoint("127.0.0.1", port), allowPrivate: true, CancellationToken.None);
        using var accepted = await listener.AcceptTcpClientAsync();

        Assert.True(accepted.Connected);
    }
}
