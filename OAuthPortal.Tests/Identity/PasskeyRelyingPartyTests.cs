using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OAuthPortal.Identity;
using OAuthPortal.OAuth;

namespace OAuthPortal.Tests.Identity;

/// <summary>Who the portal is to a passkey: the issuer's host and origin when one is set, else the request's; never a frame or another site.</summary>
public sealed class PasskeyRelyingPartyTests
{
    private static IdentityPasskeyOptions Configured(string? issuer)
    {
        var passkeys = new IdentityPasskeyOptions();
        PasskeyRelyingParty.Configure(passkeys, Options.Create(new OAuthOptions { Issuer = issuer }));
        return passkeys;
    }

    private static HttpContext Request(string scheme, string host) => new DefaultHttpContext { Request = { Scheme = scheme, Host = new HostString(host) } };

    private static ValueTask<bool> ValidateAsync(IdentityPasskeyOptions passkeys, HttpContext http, string origin, bool crossOrigin = false, string? topOrigin = null) =>
        passkeys.ValidateOrigin!(new PasskeyOriginValidationContext { HttpContext = http, Origin = origin, CrossOrigin = crossOrigin, TopOrigin = topOrigin });

    [Fact]
    public async Task Issuer_BehindATlsProxy_IsTheRelyingPartyAndItsOriginTheOnlyOne()
    {
        var passkeys = Configured("https://auth.example.com");
        var proxied = Request("http", "auth.example.com"); // the proxy talks plain http to the portal

        Assert.Equal("auth.example.com", passkeys.ServerDomain);
        Assert.True(await ValidateAsync(passkeys, proxied, "https://auth.example.com"));
        Assert.False(await ValidateAsync(passkeys, proxied, "http://auth.example.com"));
        Assert.False(await ValidateAsync(passkeys, proxied, "https://evil.example.com"));
    }

    [Fact]
    public async Task NoIssuer_Development_TakesTheRequestsHostAndOrigin()
    {
        var passkeys = Configured(null);
        var local = Request("http", "localhost:5000");

        Assert.Null(passkeys.ServerDomain);
        Assert.True(await ValidateAsync(passkeys, local, "http://localhost:5000"));
        Assert.False(await ValidateAsync(passkeys, local, "http://localhost:5001"));
    }

    [Fact]
    public async Task CrossOriginFrame_IsRefusedEvenFromTheRightOrigin()
    {
        var passkeys = Configured("https://auth.example.com");
        var http = Request("https", "auth.example.com");

        Assert.False(await ValidateAsync(passkeys, http, "https://auth.example.com", crossOrigin: true));
        Assert.False(await ValidateAsync(passkeys, http, "https://auth.example.com", topOrigin: "https://framer.example.net"));
    }
}
