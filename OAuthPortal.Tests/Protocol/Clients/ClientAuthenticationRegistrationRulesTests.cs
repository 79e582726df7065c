using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Clients;

/// <summary>Which token endpoint authentication, keys and profile a client may be registered with (developer area, CLI, DCR).</summary>
public sealed class ClientAuthenticationRegistrationRulesTests
{
    private static ClientRegistration Registration(ClientType type, string? method, string? jwks = null, string? jwksUri = null,
        ClientProfile profile = ClientProfile.None) =>
        new("owner", "App", null, null, type, ["https://app.example.test/cb"])
        {
            TokenEndpointAuthMethod = method, Jwks = jwks, JwksUri = jwksUri, Profile = profile,
        };

    private static List<FieldError> Errors(ClientRegistration registration) =>
        ClientAuthenticationRegistrationRules.Validate(registration, requireHttps: true).ToList();

    [Theory]
    [InlineData(ClientType.Confidential, null)]
    [InlineData(ClientType.Confidential, "client_secret_basic")]
    [InlineData(ClientType.Confidential, "client_secret_post")]
    [InlineData(ClientType.Public, null)]
    [InlineData(ClientType.Public, "none")]
    public void Validate_MethodOfItsType_IsAccepted(ClientType type, string? method) => Assert.Empty(Errors(Registration(type, method)));

    [Fact]
    public void Validate_PrivateKeyJwtWithAJwkSet_IsAccepted() =>
        Assert.Empty(Errors(Registration(ClientType.Confidential, "private_key_jwt", KeyClients.JwkSet(KeyClients.Ec()))));

    [Theory]
    [InlineData(ClientType.Public, "private_key_jwt", "A public client has no credentials")]
    [InlineData(ClientType.Public, "client_secret_basic", "A public client has no credentials")]
    [InlineData(ClientType.Confidential, "none", "must be one of client_secret_basic, client_secret_post, private_key_jwt")]
    [InlineData(ClientType.Confidential, "client_secret_jwt", "must be one of")]
    public void Validate_MethodNotOfItsType_IsRefusedAtTheMethod(ClientType type, string method, string expected)
    {
        var error = Assert.Single(Errors(Registration(type, method, type == ClientType.Public ? KeyClients.JwkSet(KeyClients.Ec()) : null)));

        Assert.Equal(nameof(ClientRegistration.TokenEndpointAuthMethod), error.Field);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(true, nameof(ClientRegistration.Jwks))]
    [InlineData(false, nameof(ClientRegistration.JwksUri))]
    public void Validate_KeysWithASecretMethod_AreRefusedAtTheirField(bool pasted, string field)
    {
        var registration = pasted
            ? Registration(ClientType.Confidential, "client_secret_basic", jwks: KeyClients.JwkSet(KeyClients.Ec()))
            : Registration(ClientType.Confidential, "client_secret_basic", jwksUri: "https://keys.example.com/jwks.json");

        Assert.Equal(field, Assert.Single(Errors(registration)).Field);
    }

    [Fact]
    public void Validate_BadJwksUri_IsRefusedAtTheUriField() =>
        Assert.Equal(nameof(ClientRegistration.JwksUri),
            Assert.Single(Errors(Registration(ClientType.Confidential, "private_key_jwt", jwksUri: "http://keys.example.com/jwks.json"))).Field);

    [Fact]
    public void Validate_TwoBadKeys_GivesOneErrorPerKey()
    {
        var first = KeyClients.Ec("a").PublicJwk;
        first["d"] = "x";
        var second = KeyClients.Ec("b").PublicJwk;
        second["k"] = "y";
        var jwks = System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { first, second } });

        var errors = Errors(Registration(ClientType.Confidential, "private_key_jwt", jwks));

        Assert.Equal(["Key 1", "Key 2"], errors.Select(e => e.Message[..5]));
        Assert.All(errors, e => Assert.Equal(nameof(ClientRegistration.Jwks), e.Field));
    }

    [Fact]
    public void Validate_FapiProfileForAPublicClient_IsRefused() =>
        Assert.Equal(nameof(ClientRegistration.Profile), Assert.Single(Errors(Registration(ClientType.Public, null, profile: ClientProfile.Fapi2))).Field);

    [Fact]
    public void Validate_FapiProfileForAClientSecretClient_IsAcceptedForTheChecklistToExplain() =>
        Assert.Empty(Errors(Registration(ClientType.Confidential, "client_secret_basic", profile: ClientProfile.Fapi2)));

    [Theory]
    [InlineData("client_secret_basic", true)]
    [InlineData("client_secret_post", true)]
    [InlineData("private_key_jwt", false)]
    [InlineData("none", false)]
    public void UsesSecret_Method_OnlyTheClientSecretMethods(string method, bool expected) =>
        Assert.Equal(expected, ClientAuthenticationRegistrationRules.UsesSecret(method));

    [Fact]
    public void JwksOf_ASecretMethod_StoresNoKeys() =>
        Assert.Null(ClientAuthenticationRegistrationRules.JwksOf("client_secret_post", KeyClients.JwkSet(KeyClients.Ec())));

    [Fact]
    public void Describe_AStoredSet_ListsKidKtyCurveAndAlgOfEachKey()
    {
        var rsa = KeyClients.Rsa("r1").PublicJwk;
        rsa["alg"] = "PS256";

        var keys = ClientKeyRegistrationRules.Describe(System.Text.Json.JsonSerializer.Serialize(new { keys = new object[] { rsa, KeyClients.Ec("e1").PublicJwk } }));

        Assert.Equal([new RegisteredClientKey("r1", "RSA", "PS256", null), new RegisteredClientKey("e1", "EC", null, "P-256")], keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not json")]
    [InlineData("{\"keys\": 3}")]
    public void Describe_NoSet_IsEmpty(string? jwks) => Assert.Empty(ClientKeyRegistrationRules.Describe(jwks));
}
