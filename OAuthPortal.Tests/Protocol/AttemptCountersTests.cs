using System.Net;
using System.Security.Cryptography;
using System.Text;
using OAuthPortal.Data;

namespace OAuthPortal.Tests.Protocol;

/// <summary>How <see cref="AttemptCounters"/> names what it counts: the source of an attempt, and the keys (the counting itself is tested through the sign-in and device pages).</summary>
public sealed class AttemptCountersTests
{
    [Theory]
    [InlineData(null, "unknown")]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")] // IPv4 mapped to IPv6: the IPv4 address
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")] // the same customer's network
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void Network_OfASource_IsTheAddressOrTheIpv6Slash64(string? address, string expected) =>
        Assert.Equal(expected, AttemptCounters.Network(address is null ? null : IPAddress.Parse(address)));

    [Fact]
    public void Key_OfTheSameValuesUnderAnotherPrefix_IsAnotherCounter() =>
        Assert.NotEqual(AttemptCounters.Key("user-code-source", "192.0.2.7"), AttemptCounters.Key("source", "192.0.2.7"));

    [Fact]
    public void Key_OfASignInSource_IsTheOneStoredBeforeTheCountersWereShared() =>
        // Counters written by an earlier version keep counting after an upgrade.
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes("source\nUSER@EXAMPLE.TEST\n192.0.2.7")),
            AttemptCounters.Key("source", "USER@EXAMPLE.TEST", "192.0.2.7"));
}
