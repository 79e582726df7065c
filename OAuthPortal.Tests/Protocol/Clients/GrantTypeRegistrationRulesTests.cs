using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Tests.Protocol.Clients;

/// <summary>Which grant types a client may be registered for (RFC 7591 §2 grant_types, RFC 6749 §4.4, RFC 8628).</summary>
public sealed class GrantTypeRegistrationRulesTests
{
    private const string Code = "authorization_code";
    private const string Refresh = "refresh_token";
    private const string Machine = "client_credentials";
    private const string Device = "urn:ietf:params:oauth:grant-type:device_code";

    public static TheoryData<ClientType, string[]> Accepted => new()
    {
        { ClientType.Confidential, [Code] },
        { ClientType.Confidential, [Code, Refresh] },
        { ClientType.Confidential, [Machine] },
        { ClientType.Confidential, [Device, Refresh] },
        { ClientType.Confidential, [Code, Refresh, Machine, Device] },
        { ClientType.Public, [Code, Refresh] },
        { ClientType.Public, [Device] },
        { ClientType.Public, [Refresh, Device] },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Validate_SupportedCombination_HasNoProblem(ClientType type, string[] grantTypes) =>
        Assert.Empty(GrantTypeRegistrationRules.Validate(type, grantTypes));

    public static TheoryData<ClientType, string[], string> Refused => new()
    {
        { ClientType.Confidential, [Code, "password"], "'password' is not a grant type this portal supports" },
        { ClientType.Confidential, [Code, "implicit"], "use authorization_code, refresh_token, client_credentials, " + Device },
        { ClientType.Confidential, ["device_code"], "'device_code' is not a grant type" },
        { ClientType.Confidential, [Code, "Authorization_Code"], "'Authorization_Code' is not a grant type" },
        { ClientType.Confidential, [Code, Code], "The grant type authorization_code is listed twice." },
        { ClientType.Public, [Machine], "A public client cannot use client_credentials" },
        { ClientType.Public, [Code, Machine], "A public client cannot use client_credentials" },
        { ClientType.Confidential, [Refresh], "refresh_token only extends the tokens of authorization_code or the device grant" },
        { ClientType.Confidential, [Machine, Refresh], "refresh_token only extends" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Validate_RefusedCombination_SaysWhy(ClientType type, string[] grantTypes, string expected) =>
        Assert.Contains(GrantTypeRegistrationRules.Validate(type, grantTypes), problem => problem.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Validate_UnknownGrantTypeWithControlCharacters_IsQuotedShortAndVisible()
    {
        var problem = Assert.Single(GrantTypeRegistrationRules.Validate(ClientType.Confidential, [Code, "evil\r\n" + new string('x', 200)]));

        Assert.StartsWith("'evil??xxx", problem);
        Assert.Contains("...'", problem);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void Validate_NullEntry_IsAnUnsupportedGrantTypeNotAnException() =>
        Assert.Contains("'' is not a grant type", Assert.Single(GrantTypeRegistrationRules.Validate(ClientType.Confidential, [Code, null!])));

    [Fact]
    public void Effective_NoneNamed_IsTheDefault()
    {
        Assert.Equal([Code, Refresh], GrantTypeRegistrationRules.Effective(null));
        Assert.Equal([Code, Refresh], GrantTypeRegistrationRules.Effective([]));
    }

    [Theory]
    [InlineData(new[] { Code }, true)]
    [InlineData(new[] { Machine }, false)]
    [InlineData(new[] { Device, Refresh }, false)]
    public void NeedsRedirectUris_GrantTypes_TrueOnlyWithAuthorizationCode(string[] grantTypes, bool expected) =>
        Assert.Equal(expected, GrantTypeRegistrationRules.NeedsRedirectUris(grantTypes));
}
