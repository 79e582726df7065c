using Microsoft.Extensions.Options;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Tests.Protocol;

public sealed class RedirectUriPolicyTests
{
    private static RedirectUriPolicy Policy(bool requireHttps = true) =>
        new(Options.Create(new OAuthOptions { RequireHttps = requireHttps }));

    [Theory]
    [InlineData("https://app.example.com/callback")]
    [InlineData("https://app.example.com/callback/")]
    [InlineData("https://app.example.com:8443/cb?tenant=a&lang=fr")]
    [InlineData("https://app.example.com/cb?name=Zoë")]
    public void Validate_AbsoluteHttpsUri_Accepts(string uri)
    {
        Assert.Null(Policy().Validate(uri));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("/callback", "absolute")]
    [InlineData("app.example.com/callback", "absolute")]
    [InlineData("ftp://app.example.com/cb", "absolute http or https")]
    [InlineData("javascript:alert(1)", "absolute http or https")]
    [InlineData("https://app.example.com/cb#section", "fragment")]
    [InlineData("https://app.example.com/cb#", "fragment")]
    [InlineData("https://user@app.example.com/cb", "user name")]
    [InlineData("https://user:pass@app.example.com/cb", "user name")]
    [InlineData("https://@app.example.com/cb", "user name")]
    [InlineData("https://app.example.com/c b", "spaces")]
    [InlineData("https://app.example.com\\@evil.example/cb", "backslash")]
    [InlineData("http://app.example.com/cb", "https")]
    public void Validate_UnsafeUri_RefusesWithReason(string uri, string reason)
    {
        var problem = Policy().Validate(uri);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Validate_LongerThan2000_Refuses()
    {
        var uri = "https://app.example.com/" + new string('a', 2000 - 24);
        Assert.Null(Policy().Validate(uri));
        Assert.NotNull(Policy().Validate(uri + "a"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:51234/callback")]
    [InlineData("http://[::1]:51234/callback")]
    [InlineData("http://localhost:51234/callback")]
    public void Validate_LoopbackHttp_Accepts(string uri)
    {
        // RFC 8252 §7.3: native apps listen on a loopback port.
        Assert.Null(Policy().Validate(uri));
    }

    [Theory]
    [InlineData("http://127.0.0.2/callback")]
    [InlineData("http://localhost.example.com/callback")]
    [InlineData("http://[::2]/callback")]
    public void Validate_HttpOnAHostThatIsNotLoopback_Refuses(string uri)
    {
        Assert.NotNull(Policy().Validate(uri));
    }

    [Fact]
    public void Validate_HttpWhenHttpsNotRequired_Accepts()
    {
        Assert.Null(Policy(requireHttps: false).Validate("http://app.example.com/cb"));
    }
}
