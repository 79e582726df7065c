using System.Net;
using System.Text.Json;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Token;

/// <summary>GET /.well-known/oauth-authorization-server (RFC 8414).</summary>
public sealed class MetadataTests
{
    private static async Task<JsonElement> MetadataAsync(PortalFactory factory)
    {
        var response = await factory.CreateClient().GetAsync("/.well-known/oauth-authorization-server");
        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
    }

    private static string[] Strings(JsonElement metadata, string name) =>
        metadata.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task Get_InTesting_DescribesEveryEndpointFromTheRequestOrigin()
    {
        using var factory = new PortalFactory();
        var scenario = await OAuthScenario.CreateAsync(factory);

        var metadata = await MetadataAsync(factory);

        Assert.Equal("https://localhost", metadata.GetProperty("issuer").GetString());
        Assert.Equal("https://localhost/oauth2/authorize", metadata.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("https://localhost/oauth2/token", metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal("https://localhost/oauth2/revoke", metadata.GetProperty("revocation_endpoint").GetString());
        Assert.Equal("https://localhost/oauth2/introspect", metadata.GetProperty("introspection_endpoint").GetString());
        Assert.Equal(["code"], Strings(metadata, "response_types_supported"));
        Assert.Equal("https://localhost/oauth2/device_authorization", metadata.GetProperty("device_authorization_endpoint").GetString());
        Assert.Equal(["authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code"], Strings(metadata, "grant_types_supported"));
        Assert.Equal(["client_secret_basic", "client_secret_post", "private_key_jwt", "none"], Strings(metadata, "token_endpoint_auth_methods_supported"));
        Assert.Equal(["client_secret_basic", "client_secret_post", "private_key_jwt", "none"], Strings(metadata, "revocation_endpoint_auth_methods_supported"));
        Assert.Equal(["client_secret_basic", "client_secret_post", "private_key_jwt"], Strings(metadata, "introspection_endpoint_auth_methods_supported"));
        foreach (var endpoint in (string[])["token", "revocation", "introspection"])
        {
            Assert.Equal(["RS256", "PS256", "ES256"], Strings(metadata, $"{endpoint}_endpoint_auth_signing_alg_values_supported"));
        }

        Assert.Equal(["S256"], Strings(metadata, "code_challenge_methods_supported"));
        Assert.True(metadata.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
        Assert.Superset(scenario.Scopes.ToHashSet(), Strings(metadata, "scopes_supported").ToHashSet());
    }

    [Fact]
    public async Task Get_ConfiguredIssuer_BuildsEveryUrlFromIt()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:Issuer"] = "https://auth.example.com" });
        factory.ClientOptions.BaseAddress = new Uri("https://auth.example.com"); // the portal answers only as its issuer

        var metadata = await MetadataAsync(factory);

        Assert.Equal("https://auth.example.com", metadata.GetProperty("issuer").GetString());
        Assert.Equal("https://auth.example.com/oauth2/token", metadata.GetProperty("token_endpoint").GetString());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task OtherMethod_Is405(string method)
    {
        using var factory = new PortalFactory();

        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/.well-known/oauth-authorization-server"));

        Html.AssertStatus(HttpStatusCode.MethodNotAllowed, response);
    }
}
