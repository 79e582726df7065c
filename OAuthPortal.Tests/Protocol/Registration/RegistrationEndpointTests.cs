using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Registration;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Registration;

/// <summary>POST /oauth2/register (RFC 7591 §3) with initial access tokens: what it returns, keeps and refuses.</summary>
public sealed class RegistrationEndpointTests(RegistrationPortal portal) : IClassFixture<RegistrationPortal>
{
    private PortalFactory Factory => portal.Factory;

    private Task<Client> StoredAsync(string clientId) => Factory.WithScopeAsync(s =>
        s.GetRequiredService<PortalDbContext>().Clients.AsNoTracking().Include(c => c.RedirectUris).SingleAsync(c => c.Id == clientId));

    [Fact]
    public async Task Register_WithInitialAccessToken_Returns201WithCredentialsAndEveryRegisteredValue()
    {
        var (token, row, owner) = await Registrations.InitialAccessTokenAsync(Factory);
        var metadata = Registrations.WebApp();
        metadata["client_uri"] = "https://agent.example.test/";
        metadata["logo_uri"] = "https://agent.example.test/logo.png";
        metadata["software_id"] = "4NRB1-0XZABZI9E6-5SM3R";
        metadata["software_version"] = "2.1";
        metadata["contacts"] = new JsonArray("ops@agent.example.test");

        var reply = await Registrations.RegisterAsync(Factory.CreateClient(), metadata, token);

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal("no-store", reply.Response.Headers.CacheControl?.ToString());
        var clientId = reply["client_id"]!;
        Assert.Equal(metadata["client_name"]!.GetValue<string>(), reply["client_name"]);
        Assert.Equal("""["https://agent.example.test/callback"]""", reply["redirect_uris"]);
        Assert.Equal("""["authorization_code","refresh_token"]""", reply["grant_types"]);
        Assert.Equal("""["code"]""", reply["response_types"]);
        Assert.Equal("client_secret_basic", reply["token_endpoint_auth_method"]);
        Assert.Equal("https://agent.example.test/", reply["client_uri"]);
        Assert.Equal("https://agent.example.test/logo.png", reply["logo_uri"]);
        Assert.Equal("4NRB1-0XZABZI9E6-5SM3R", reply["software_id"]);
        Assert.Equal("2.1", reply["software_version"]);
        Assert.Equal("""["ops@agent.example.test"]""", reply["contacts"]);
        Assert.Equal("0", reply["client_secret_expires_at"]);
        Assert.Equal(Factory.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(), reply["client_id_issued_at"]);
        Assert.Equal($"https://localhost/oauth2/register/{clientId}", reply["registration_client_uri"]);
        Assert.Equal(reply["registration_client_uri"], reply.Response.Headers.Location?.ToString());
        var stored = await StoredAsync(clientId);
        Assert.Equal(owner.Id, stored.OwnerId);
        Assert.Equal(row.Id, stored.InitialAccessTokenId);
        Assert.True(stored.RegisteredByProgram);
        Assert.True(SecretHasher.Matches(reply["client_secret"]!, stored.SecretHash));
        Assert.True(SecretHasher.Matches(reply["registration_access_token"]!, stored.RegistrationAccessTokenHash));
        Assert.False(await Factory.Database!.ContainsAsync(reply["registration_access_token"]!), "The registration access token was stored in plaintext.");
    }

    [Fact]
    public async Task Register_UnknownMetadata_IsIgnoredAndNotEchoed()
    {
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(Factory);
        var metadata = Registrations.WebApp();
        metadata["x_made_up"] = "value";
        metadata["tos_uri"] = "https://agent.example.test/tos";

        var reply = await Registrations.RegisterAsync(Factory.CreateClient(), metadata, token);

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.False(reply.Has("x_made_up"));
        Assert.False(reply.Has("tos_uri"));
    }

    [Fact]
    public async Task Register_PublicClient_GetsNoSecret()
    {
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(Factory);
        var metadata = Registrations.WebApp("http://127.0.0.1:8123/callback");
        metadata["token_endpoint_auth_method"] = "none";

        var reply = await Registrations.RegisterAsync(Factory.CreateClient(), metadata, token);

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.False(reply.Has("client_secret"));
        Assert.False(reply.Has("client_secret_expires_at"));
        Assert.Equal("none", reply["token_endpoint_auth_method"]);
        Assert.Equal(ClientType.Public, (await StoredAsync(reply["client_id"]!)).Type);
    }

    [Fact]
    public async Task Register_NoInitialAccessToken_Is401WithABearerChallenge()
    {
        var reply = await Registrations.RegisterAsync(Factory.CreateClient(), Registrations.WebApp(), bearer: null);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("invalid_token", reply["error"]);
        Assert.StartsWith("Bearer", reply.Response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("expired")]
    [InlineData("revoked")]
    [InlineData("spent")]
    public async Task Register_UnusableInitialAccessToken_Is401AndRegistersNothing(string kind)
    {
        var (token, row, owner) = await Registrations.InitialAccessTokenAsync(Factory, lifetime: TimeSpan.FromHours(1));
        var http = Factory.CreateClient();
        switch (kind)
        {
            case "unknown": token = TokenGenerator.NewSecret(); break;
            case "expired": await Factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().InitialAccessTokens.Where(t => t.Id == row.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, Factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1)))); break;
            case "revoked": await Factory.WithScopeAsync(s => s.GetRequiredService<InitialAccessTokens>().RevokeAsync(owner.Id, row.Id)); break;
            case "spent": Assert.Equal(HttpStatusCode.Created, (await Registrations.RegisterAsync(http, Registrations.WebApp(), token)).Status); break;
        }

        var reply = await Registrations.RegisterAsync(http, Registrations.WebApp(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("invalid_token", reply["error"]);
        Assert.Contains("error=\"invalid_token\"", reply.Response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(kind == "spent" ? 1 : 0, await Factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.CountAsync(c => c.InitialAccessTokenId == row.Id)));
    }

    [Fact]
    public async Task Register_MultiUseTokenAtItsCap_IsRefused()
    {
        using var capped = Registrations.Factory(("OAuth:Registration:MaxClientsPerToken", "2"));
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(capped, multiUse: true);
        var http = capped.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await Registrations.RegisterAsync(http, Registrations.WebApp(), token)).Status);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Unauthorized], statuses);
    }

    [Fact]
    public async Task Register_RefusedMetadata_DoesNotSpendTheToken()
    {
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(Factory);
        var http = Factory.CreateClient();
        var bad = Registrations.WebApp("http://agent.example.test/callback");

        var refused = await Registrations.RegisterAsync(http, bad, token);
        var retried = await Registrations.RegisterAsync(http, Registrations.WebApp(), token);

        Assert.Equal("invalid_redirect_uri", refused["error"]);
        Assert.Equal(HttpStatusCode.Created, retried.Status);
    }

    [Fact]
    public async Task Register_TokenCappedToCodeFlow_RefusesClientCredentials()
    {
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(Factory, grantTypes: ["authorization_code", "refresh_token"]);
        var metadata = new JsonObject { ["client_name"] = "Machine", ["grant_types"] = new JsonArray("client_credentials") };

        var reply = await Registrations.RegisterAsync(Factory.CreateClient(), metadata, token);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_client_metadata", reply["error"]);
        Assert.Contains("grant_types", reply["error_description"]);
    }

    [Fact]
    public async Task Register_SoftwareStatement_IsInvalidSoftwareStatement()
    {
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(Factory);
        var metadata = Registrations.WebApp();
        metadata["software_statement"] = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln";

        var reply = await Registrations.RegisterAsync(Factory.CreateClient(), metadata, token);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_software_statement", reply["error"]);
    }

    /// <summary>An empty list is an omitted one (RFC 7591 §2: the default is <c>code</c>), as Duende.IdentityModel sends it.</summary>
    [Theory]
    [InlineData("""{"grant_types":["authorization_code"],"response_types":[],"redirect_uris":["https://a.example.test/cb"]}""")]
    [InlineData("""{"grant_types":[],"response_types":[],"redirect_uris":["https://a.example.test/cb"]}""")]
    public async Task Register_EmptyResponseTypes_TakesTheCodeResponseTypeOfTheGrant(string json)
    {
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(Factory);

        var reply = await Registrations.RegisterAsync(Factory.CreateClient(), JsonNode.Parse(json), token);

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal("""["code"]""", reply["response_types"]);
        Assert.Contains("\"authorization_code\"", reply["grant_types"]);
    }

    [Theory]
    [MemberData(nameof(RefusedClientMetadata.Names), MemberType = typeof(RefusedClientMetadata))]
    public async Task Register_MetadataTheDeveloperAreaRefuses_IsRefusedWithTheSameMessageNamingTheMember(string name)
    {
        var refused = RefusedClientMetadata.Named(name);
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(Factory);

        var reply = await Registrations.RegisterAsync(Factory.CreateClient(), refused.Json(), token);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(refused.Error, reply["error"]);
        Assert.Contains($"{refused.Member}: ", reply["error_description"]);
        Assert.Contains(refused.Message, reply["error_description"]);
    }

    [Theory]
    [InlineData("""{"grant_types":["client_credentials"],"response_types":["code"]}""", "response_types")]
    [InlineData("""{"response_types":["token"],"redirect_uris":["https://a.example.test/cb"]}""", "response_types")]
    [InlineData("""{"token_endpoint_auth_method":"none","grant_types":["client_credentials"]}""", "grant_types")]
    [InlineData("""{"token_endpoint_auth_method":"client_secret_jwt","redirect_uris":["https://a.example.test/cb"]}""", "token_endpoint_auth_method")]
    [InlineData("""{"redirect_uris":["https://a.example.test/cb"],"contacts":"ops@example.test"}""", "contacts")]
    [InlineData("""{"redirect_uris":["https://a.example.test/cb"],"jwks":"not an object"}""", "jwks")]
    [InlineData("""{"redirect_uris":["https://a.example.test/cb"],"jwks":{"keys":[]}}""", "registered only for private_key_jwt")]
    [InlineData("""{"redirect_uris":["https://a.example.test/cb"],"require_pushed_authorization_requests":"yes"}""", "require_pushed_authorization_requests")]
    [InlineData("""[1,2,3]""", "JSON object")]
    [InlineData("""{"redirect_uris":["https://a.example.test/cb"],"client_uri":"javascript:alert(1)"}""", "client_uri")]
    public async Task Register_InconsistentOrMistypedMetadata_IsInvalidClientMetadataNamingTheField(string json, string named)
    {
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(Factory);

        var reply = await Registrations.RegisterAsync(Factory.CreateClient(), JsonNode.Parse(json), token);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_client_metadata", reply["error"]);
        Assert.Contains(named, reply["error_description"]);
    }

    [Theory]
    [InlineData("""{"redirect_uris":"https://a.example.test/cb"}""")]
    [InlineData("""{"redirect_uris":[42]}""")]
    [InlineData("""{"client_name":"No redirect"}""")]
    public async Task Register_MissingOrMistypedRedirectUris_IsInvalidRedirectUri(string json)
    {
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(Factory);

        var reply = await Registrations.RegisterAsync(Factory.CreateClient(), JsonNode.Parse(json), token);

        Assert.Equal("invalid_redirect_uri", reply["error"]);
        Assert.Contains("redirect_uris", reply["error_description"]);
    }

    [Theory]
    [InlineData("{not json", "application/json", "invalid_client_metadata")]
    [InlineData("client_name=x", "application/x-www-form-urlencoded", "invalid_request")]
    public async Task Register_BodyNotJson_Is400(string body, string contentType, string error)
    {
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(Factory);
        using var request = new HttpRequestMessage(HttpMethod.Post, Registrations.Path) { Content = new StringContent(body, System.Text.Encoding.UTF8, contentType) };
        request.Headers.Authorization = new("Bearer", token);

        var response = await Factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{error}\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_EveryRegistration_IsAuditedWithTheTokenThatAllowedIt()
    {
        var (token, row, owner) = await Registrations.InitialAccessTokenAsync(Factory);

        var reply = await Registrations.RegisterAsync(Factory.CreateClient(), Registrations.WebApp(), token);

        var entry = await Factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .SingleAsync(e => e.Action == AuditAction.ClientCreated && e.Target.StartsWith("client:" + reply["client_id"] + " ")));
        Assert.Equal(owner.Id, entry.Actor);
        Assert.Contains($"initial access token '{row.Name}' (#{row.Id})", entry.Details);
    }

    [Fact]
    public async Task Register_SecondRequestSameAddressOverTheLimit_Is429()
    {
        using var limited = Registrations.Factory(("Portal:RateLimits:RegistrationPermitsPerMinutePerAddress", "1"));
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(limited, multiUse: true);
        var http = limited.CreateClient();

        var first = await Registrations.RegisterAsync(http, Registrations.WebApp(), token);
        var second = await Registrations.RegisterAsync(http, Registrations.WebApp(), token);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
        Assert.NotNull(second.Response.Headers.RetryAfter);
        Assert.Equal("temporarily_unavailable", second["error"]);
    }

    [Theory]
    [InlineData("""{"client_name":"\uD800","redirect_uris":["https://a.example.test/cb"]}""", "client_name")]
    [InlineData("""{"redirect_uris":["https://a.example.test/\uDC00"]}""", "redirect_uris")]
    [InlineData("""{"redirect_uris":["https://a.example.test/cb"],"token_endpoint_auth_method":"private_key_jwt","jwks":{"keys":[{"kty":"RSA","n":"!!!!","e":"AQAB"}]}}""", "jwks")]
    [InlineData("""{"redirect_uris":["https://a.example.test/cb"],"token_endpoint_auth_method":"private_key_jwt","jwks":{"keys":[{"kty":"EC","crv":"P-256","kid":"\uD800","x":"AA","y":"AA"}]}}""", "jwks")]
    public async Task Register_UnreadableText_Is400NotA500(string json, string named)
    {
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(Factory);
        using var request = new HttpRequestMessage(HttpMethod.Post, Registrations.Path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", token);

        var response = await Factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_TokenOfALockedDeveloper_Is401()
    {
        var (token, _, owner) = await Registrations.InitialAccessTokenAsync(Factory, multiUse: true);
        await Factory.WithScopeAsync(s => s.GetRequiredService<OAuthPortal.Management.Users.UserAdministration>().SetLockedAsync(owner.Id, true, "test"));

        var reply = await Registrations.RegisterAsync(Factory.CreateClient(), Registrations.WebApp(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
    }

    [Fact]
    public async Task Register_CrossOriginPreflight_GetsNoCorsGrant()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, Registrations.Path);
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        var response = await Factory.CreateClient().SendAsync(preflight);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Metadata_RegistrationOn_AdvertisesTheRegistrationEndpoint()
    {
        var document = JsonNode.Parse(await Factory.CreateClient().GetStringAsync("/.well-known/oauth-authorization-server"))!;

        Assert.Equal("https://localhost/oauth2/register", document["registration_endpoint"]?.GetValue<string>());
    }
}
