using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OAuthPortal.OAuth.Dpop;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Dpop;

/// <summary>
/// RFC 9449 §11.1 across instances: two portal processes on one database, as behind a load balancer. A proof's jti is
/// accepted once by the cluster, not once per process, at the token endpoint and at a resource; a server nonce issued
/// by one process is accepted by the other (it is stateless, protected with the shared Data Protection keys).
/// </summary>
public sealed class DpopAcrossProcessesTests : IDisposable
{
    private const string TokenUrl = PortalProcess.Issuer + "/oauth2/token";
    private const string StatusUrl = PortalProcess.Issuer + "/api/status";
    private static readonly Dictionary<string, string> NoncesRequired = new() { ["OAuth__Dpop__RequireNonce"] = "true" };

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"oauthportal-dpop-{Guid.NewGuid():N}.db");

    private async Task<(string ClientId, string Secret)> MachineClientAsync()
    {
        var owner = Unique.Email();
        foreach (var command in new[]
        {
            new[] { "users", "create", "--email", owner, "--password", TestUsers.Password },
            ["scopes", "create", "--name", "status", "--description", "Read the portal's status"],
        })
        {
            var run = await PortalProcess.RunAsync(_database, null, command);
            Assert.True(run.ExitCode == 0, run.Error);
        }

        var client = await PortalProcess.RunAsync(_database, null,
            "clients", "create", "--owner", owner, "--name", "Machine", "--grant-type", "client_credentials", "--machine-scope", "status", "--json");
        Assert.True(client.ExitCode == 0, client.Error);
        var json = JsonSerializer.Deserialize<JsonElement>(client.Output);
        return (json.GetProperty("client_id").GetString()!, json.GetProperty("client_secret").GetString()!);
    }

    private static Task<HttpResponseMessage> TokenAsync(PortalProcess portal, (string Id, string Secret) client, string proof)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = TokenEndpoint.Basic(client.Id, client.Secret);
        request.Headers.Add("DPoP", proof);
        return portal.CreateClient().SendAsync(request);
    }

    private static Task<HttpResponseMessage> StatusAsync(PortalProcess portal, string accessToken, string proof)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", accessToken);
        request.Headers.Add("DPoP", proof);
        return portal.CreateClient().SendAsync(request);
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).GetProperty("error").GetString()!;

    [Fact]
    public async Task Proofs_TwoProcessesOnOneDatabase_EachJtiOnceAcrossBothAndEitherProcessesNonceWorks()
    {
        var client = await MachineClientAsync();
        using var first = await PortalProcess.StartServerAsync(_database, NoncesRequired);
        using var second = await PortalProcess.StartServerAsync(_database, NoncesRequired);
        var key = DpopKey.Ec();

        // The first process asks for a nonce; a proof carrying it is accepted by the second, and then by neither.
        var askForNonce = await TokenAsync(first, client, key.Proof("POST", TokenUrl, DateTimeOffset.UtcNow));
        Html.AssertStatus(HttpStatusCode.BadRequest, askForNonce);
        Assert.Equal("use_dpop_nonce", await ErrorOf(askForNonce));
        var nonce = Assert.Single(askForNonce.Headers.GetValues("DPoP-Nonce"));
        var proof = key.Proof("POST", TokenUrl, DateTimeOffset.UtcNow, nonce: nonce);
        var issued = await TokenAsync(second, client, proof);
        var replayedOnFirst = await TokenAsync(first, client, proof);
        var replayedOnSecond = await TokenAsync(second, client, proof);

        Html.AssertStatus(HttpStatusCode.OK, issued);
        var tokens = JsonSerializer.Deserialize<JsonElement>(await issued.Content.ReadAsStringAsync());
        Assert.Equal("DPoP", tokens.GetProperty("token_type").GetString());
        Assert.Equal("invalid_dpop_proof", await ErrorOf(replayedOnFirst));
        Assert.Equal("invalid_dpop_proof", await ErrorOf(replayedOnSecond));

        // At the resource: a proof of the bound key is accepted by one process, then refused by the other.
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        var resourceProof = key.Proof("GET", StatusUrl, DateTimeOffset.UtcNow, accessTokenHash: DpopProofValidator.AccessTokenHash(accessToken), nonce: nonce);
        var answered = await StatusAsync(first, accessToken, resourceProof);
        var replayed = await StatusAsync(second, accessToken, resourceProof);

        Html.AssertStatus(HttpStatusCode.OK, answered);
        Html.AssertStatus(HttpStatusCode.Unauthorized, replayed);
        Assert.Contains("error=\"invalid_dpop_proof\"", replayed.Headers.WwwAuthenticate.ToString());
    }

    public void Dispose() => DatabaseFiles.Delete(_database);
}
