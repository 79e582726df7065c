using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Tests.Protocol.Clients;

/// <summary>The stored form of a client's grant types: one canonical order, whatever order they were chosen in.</summary>
public sealed class RequireAllowedGrantTypeTests
{
    [Fact]
    public void Format_AnyOrder_IsStoredInTheSupportedOrder() =>
        Assert.Equal("authorization_code refresh_token client_credentials urn:ietf:params:oauth:grant-type:device_code",
            RequireAllowedGrantType.Format(["urn:ietf:params:oauth:grant-type:device_code", "client_credentials", "refresh_token", "authorization_code"]));

    [Fact]
    public void Format_Default_IsTheDefaultString() =>
        Assert.Equal(RequireAllowedGrantType.DefaultGrantTypes, RequireAllowedGrantType.Format(RequireAllowedGrantType.Default));

    [Fact]
    public void Of_StoredString_IsTheList() =>
        Assert.Equal(["refresh_token", "urn:ietf:params:oauth:grant-type:device_code"],
            RequireAllowedGrantType.Of("refresh_token urn:ietf:params:oauth:grant-type:device_code"));

    [Fact]
    public void Supported_InStoredOrder_AreTheFourGrantTypes() =>
        Assert.Equal(["authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code"],
            RequireAllowedGrantType.Supported);
}
