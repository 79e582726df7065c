using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Clients;

/// <summary>
/// private_key_jwt with keys published at a jwks_uri (RFC 7591 §2): fetched through the portal's own HttpClient,
/// cached briefly, fetched again for a key it does not know; an unreachable set authenticates no one.
/// </summary>
public sealed class PrivateKeyJwtKeysUriTests : IDisposable
{
    private const string KeysUri = "https://client.example.test/jwks.json";
    private readonly KeySetServer _network = new();
    private readonly PortalFactory _factory;

    public PrivateKeyJwtKeysUriTests() =>
        _factory = PortalFactory.With(new Dictionary<string, string?>(), configureServices: services =>
            services.AddHttpClient(ClientJwks.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _network));

    public void Dispose() => _factory.Dispose();

    /// <summary>Serves <see cref="Document"/> (or <see cref="Status"/>) and records what was asked.</summary>
    private sealed class KeySetServer : HttpMessageHandler
    {
        public ConcurrentQueue<Uri> Requests { get; } = new();
        public string Document { get; set; } = "";
        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Enqueue(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(Status) { Content = new StringContent(Document, Encoding.UTF8, "application/json") });
        }
    }

    [Fact]
    public async Task Token_KeyAtTheJwksUri_IssuesTokensAndFetchesOnce()
    {
        var key = KeyClients.Rsa();
        _network.Document = KeyClients.JwkSet(key);
        var clientId = await KeyClients.RegisterAsync(_factory, jwks: null, KeysUri);

        var first = await KeyClients.ClientCredentialsAsync(_factory.CreateClient(), KeyClients.Assertion(_factory, key, clientId));
        var second = await KeyClients.ClientCredentialsAsync(_factory.CreateClient(), KeyClients.Assertion(_factory, key, clientId));

        Html.AssertStatus(HttpStatusCode.OK, first.Response);
        Html.AssertStatus(HttpStatusCode.OK, second.Response);
        Assert.Equal(KeysUri, Assert.Single(_network.Requests).ToString());
    }

    [Fact]
    public async Task Token_KeyRotatedAtTheJwksUri_IsFetchedAgainForItsKid()
    {
        var (old, rotated) = (KeyClients.Ec(), KeyClients.Ec());
        _network.Document = KeyClients.JwkSet(old);
        var clientId = await KeyClients.RegisterAsync(_factory, jwks: null, KeysUri);
        Html.AssertStatus(HttpStatusCode.OK, (await KeyClients.ClientCredentialsAsync(_factory.CreateClient(), KeyClients.Assertion(_factory, old, clientId))).Response);
        _network.Document = KeyClients.JwkSet(rotated);
        _factory.Clock.Advance(ClientJwks.RefetchAfter + TimeSpan.FromSeconds(1));

        var reply = await KeyClients.ClientCredentialsAsync(_factory.CreateClient(), KeyClients.Assertion(_factory, rotated, clientId));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.Equal(2, _network.Requests.Count);
    }

    [Fact]
    public async Task Token_UnknownKidRightAfterAFetch_IsNotFetchedAgain()
    {
        var known = KeyClients.Rsa();
        _network.Document = KeyClients.JwkSet(known);
        var clientId = await KeyClients.RegisterAsync(_factory, jwks: null, KeysUri);
        await KeyClients.ClientCredentialsAsync(_factory.CreateClient(), KeyClients.Assertion(_factory, known, clientId));

        var reply = await KeyClients.ClientCredentialsAsync(_factory.CreateClient(), KeyClients.Assertion(_factory, KeyClients.Rsa(), clientId));

        Assert.Equal("invalid_client", reply["error"]);
        Assert.Single(_network.Requests);
    }

    [Fact]
    public async Task Token_FailingJwksUri_IsNotFetchedAgainForAWhileThenIs()
    {
        var key = KeyClients.Rsa();
        _network.Status = HttpStatusCode.InternalServerError;
        var clientId = await KeyClients.RegisterAsync(_factory, jwks: null, KeysUri);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            KeyClients.ClientCredentialsAsync(_factory.CreateClient(), KeyClients.Assertion(_factory, key, clientId))));
        var fetchesWhileFailing = _network.Requests.Count;
        (_network.Status, _network.Document) = (HttpStatusCode.OK, KeyClients.JwkSet(key));
        _factory.Clock.Advance(ClientJwks.RefetchAfter + TimeSpan.FromSeconds(1));
        var recovered = await KeyClients.ClientCredentialsAsync(_factory.CreateClient(), KeyClients.Assertion(_factory, key, clientId));

        Assert.All(attempts, reply => Assert.Equal("invalid_client", reply["error"]));
        Assert.Equal(1, fetchesWhileFailing);
        Html.AssertStatus(HttpStatusCode.OK, recovered.Response);
    }

    [Fact]
    public async Task Token_JwksUriKeyWithACertificateOfAnotherKey_IsCheckedWithItsOwnMembers()
    {
        var key = KeyClients.Rsa();
        var other = KeyClients.Rsa();
        var jwk = new Dictionary<string, object>(key.PublicJwk.Select(p => KeyValuePair.Create(p.Key, (object)p.Value)))
        {
            ["x5c"] = new[] { Convert.ToBase64String(new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=other",
                ((Microsoft.IdentityModel.Tokens.RsaSecurityKey)other.Signing.Key).Rsa ?? System.Security.Cryptography.RSA.Create(((Microsoft.IdentityModel.Tokens.RsaSecurityKey)other.Signing.Key).Parameters),
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)).RawData) },
        };
        _network.Document = System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { jwk } });
        var clientId = await KeyClients.RegisterAsync(_factory, jwks: null, KeysUri);

        var byOther = await KeyClients.ClientCredentialsAsync(_factory.CreateClient(), KeyClients.Assertion(_factory, other, clientId));
        var byKey = await KeyClients.ClientCredentialsAsync(_factory.CreateClient(), KeyClients.Assertion(_factory, key, clientId));

        Assert.Equal("invalid_client", byOther["error"]);
        Html.AssertStatus(HttpStatusCode.OK, byKey.Response);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "{\"keys\":[]}")]
    [InlineData(HttpStatusCode.OK, "not json")]
    public async Task Token_JwksUriWithoutUsableKeys_IsInvalidClient(HttpStatusCode status, string document)
    {
        var key = KeyClients.Rsa();
        (_network.Status, _network.Document) = (status, document);
        var clientId = await KeyClients.RegisterAsync(_factory, jwks: null, KeysUri);

        var reply = await KeyClients.ClientCredentialsAsync(_factory.CreateClient(), KeyClients.Assertion(_factory, key, clientId));

        Html.AssertStatus(HttpStatusCode.Unauthorized, reply.Response);
        Assert.Equal("invalid_client", reply["error"]);
    }

    [Fact]
    public async Task Token_JwksUriOverHttp_IsNotFetched()
    {
        var key = KeyClients.Rsa();
        _network.Document = KeyClients.JwkSet(key);
        var clientId = await KeyClients.RegisterAsync(_factory, jwks: null, "http://client.example.test/jwks.json");

        var reply = await KeyClients.ClientCredentialsAsync(_factory.CreateClient(), KeyClients.Assertion(_factory, key, clientId));

        Assert.Equal("invalid_client", reply["error"]);
        Assert.Empty(_network.Requests);
    }
}
