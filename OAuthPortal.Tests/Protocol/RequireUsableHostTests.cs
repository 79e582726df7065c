using OAuthPortal.Hosting;

namespace OAuthPortal.Tests.Protocol;

public sealed class RequireUsableHostTests
{
    [Theory]
    [InlineData("localhost", true)]
    [InlineData("auth.example.com", true)]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("bücher.example", true)]
    [InlineData("xn--bcher-kva.example", true)]
    [InlineData("", false)]
    [InlineData(":80", false)]
    [InlineData("127.0.0.1:99999", false)]
    [InlineData("127.0.0.1:0", false)]
    [InlineData("127.0.0.1:", false)]
    [InlineData("host:port", false)]
    [InlineData("xn--garbage", false)]
    [InlineData("[::1", false)]
    [InlineData("a b", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("a..b", false)]
    [InlineData(".example.com", false)]
    [InlineData("example.com.", true)] // a fully qualified name
    public void IsUsable_HostHeader_OnlyWhenItCanBeAnOrigin(string host, bool usable) =>
        Assert.Equal(usable, RequireUsableHost.IsUsable(host));
}
