using System.Net;
using System.Text.Json;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Resources;

/// <summary>RFC 9728: the sample API's metadata names the resource, its authorization server, scopes and token methods.</summary>
public sealed class ProtectedResourceMetadataTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/.well-known/oauth-protected-resource/api")]
    [InlineData("/.well-known/oauth-protected-resource")]
    public async Task Metadata_SampleApi_NamesTheResourceAndAnAuthorizationServerThatAnswers(string path)
    {
        var http = factory.CreateClient();

        var response = await http.GetAsync(path);
        var metadata = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        var server = Assert.Single(metadata.GetProperty("authorization_servers").EnumerateArray()).GetString()!;
        var serverMetadata = await http.GetAsync(new Uri(server + "/.well-known/oauth-authorization-server").PathAndQuery);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("https://localhost/api", metadata.GetProperty("resource").GetString());
        Assert.Equal("https://localhost", server);
        Assert.Equal(["profile", "status"], metadata.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["header"], metadata.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("ES256", metadata.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Html.AssertStatus(HttpStatusCode.OK, serverMetadata);
    }

    [Fact]
    public async Task Api_CalledWithoutAToken_ChallengeLeadsToTheMetadata()
    {
        var http = factory.CreateClient();

        var challenge = ApiCalls.Challenge(await http.GetAsync("/api/me"));
        var url = System.Text.RegularExpressions.Regex.Match(challenge, "resource_metadata=\"([^\"]+)\"").Groups[1].Value;
        var metadata = JsonSerializer.Deserialize<JsonElement>(await (await http.GetAsync(new Uri(url).PathAndQuery)).Content.ReadAsStringAsync());

        Assert.Equal("https://localhost/.well-known/oauth-protected-resource/api", url);
        Assert.Equal("https://localhost/api", metadata.GetProperty("resource").GetString());
    }
}
