using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

/// <summary>clients create with --auth-method, --jwks, --jwks-uri, --require-par, --dpop-bound and --profile.</summary>
public sealed class ClientKeysCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oauthportal-jwks-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteFile(string content)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<(CliRun Run, string OwnerId)> CreateAsync(params string[] extra)
    {
        var owner = await TestUsers.CreateAsync(factory);
        var run = await CliRunner.RunAsync(factory,
            ["clients", "create", "--owner", owner.Email!, "--name", "Bank", "--redirect-uri", "https://bank.example.test/cb", .. extra]);
        return (run, owner.Id);
    }

    private Task<Client> StoredAsync(string clientId) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AsNoTracking().SingleAsync(c => c.Id == clientId));

    private Task<bool> OwnsAnyClientAsync(string ownerId) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.OwnerId == ownerId));

    [Fact]
    public async Task ClientsCreate_JwksFile_IsAPrivateKeyJwtClientWithoutASecret()
    {
        var key = KeyClients.Ec("bank-1");

        var (run, _) = await CreateAsync("--jwks", WriteFile(KeyClients.JwkSet(key)), "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JsonSerializer.Deserialize<JsonElement>(run.Output);
        Assert.False(json.TryGetProperty("client_secret", out _));
        Assert.Equal("private_key_jwt", json.GetProperty("token_endpoint_auth_method").GetString());
        Assert.Equal(["bank-1"], json.GetProperty("jwks_kids").EnumerateArray().Select(k => k.GetString()));
        var stored = await StoredAsync(json.GetProperty("client_id").GetString()!);
        Assert.Null(stored.SecretHash);
        Assert.Equal("private_key_jwt", stored.TokenEndpointAuthMethod);
        Assert.Contains("bank-1", stored.Jwks);
    }

    [Fact]
    public async Task ClientsCreate_JwksFileText_PrintsNoSecret()
    {
        var (run, _) = await CreateAsync("--jwks", WriteFile(KeyClients.JwkSet(KeyClients.Rsa())));

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("client_secret", run.Output);
        Assert.Matches(@"(?m)^auth_method:\s+private_key_jwt$", run.Output);
        Assert.Contains("No secret", run.Output);
    }

    [Fact]
    public async Task ClientsCreate_FapiWithParDpopAndAJwksUri_StoresThemAndPrintsThemAsJson()
    {
        var (run, _) = await CreateAsync("--jwks-uri", "https://keys.example.com/jwks.json", "--require-par", "--dpop-bound", "--profile", "fapi2", "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JsonSerializer.Deserialize<JsonElement>(run.Output);
        Assert.Equal("https://keys.example.com/jwks.json", json.GetProperty("jwks_uri").GetString());
        Assert.True(json.GetProperty("require_pushed_authorization_requests").GetBoolean());
        Assert.True(json.GetProperty("dpop_bound_access_tokens").GetBoolean());
        Assert.Equal("fapi2", json.GetProperty("profile").GetString());
        var stored = await StoredAsync(json.GetProperty("client_id").GetString()!);
        Assert.Equal((true, true, ClientProfile.Fapi2, "https://keys.example.com/jwks.json"),
            (stored.RequirePushedAuthorizationRequests, stored.DpopBoundAccessTokens, stored.Profile, stored.JwksUri));
    }

    [Fact]
    public async Task ClientsCreate_Default_JsonSaysClientSecretBasicAndNoProfile()
    {
        var (run, _) = await CreateAsync("--json");

        var json = JsonSerializer.Deserialize<JsonElement>(run.Output);
        Assert.Equal("client_secret_basic", json.GetProperty("token_endpoint_auth_method").GetString());
        Assert.Equal("none", json.GetProperty("profile").GetString());
        Assert.False(json.GetProperty("require_pushed_authorization_requests").GetBoolean());
        Assert.True(json.TryGetProperty("client_secret", out _));
    }

    [Fact]
    public async Task ClientsCreate_JwksFileWithAPrivateKey_FailsNamingTheOptionAndSavesNothing()
    {
        var jwk = KeyClients.Ec().PublicJwk;
        jwk["d"] = "c2VjcmV0LXByaXZhdGUtc2NhbGFy";

        var (run, ownerId) = await CreateAsync("--jwks", WriteFile(JsonSerializer.Serialize(new { keys = new[] { jwk } })));

        CliRunner.AssertOneLineError(run, "--jwks: Key 1: it holds private or symmetric key material ('d')");
        Assert.False(await OwnsAnyClientAsync(ownerId));
    }

    [Theory]
    [InlineData("{ not json", "--jwks: The JWK Set is not valid JSON.")]
    [InlineData("{\"keys\": []}", "--jwks: The JWK Set must hold 1 to 10 keys.")]
    public async Task ClientsCreate_BadJwksFile_FailsWithOneLine(string content, string expected)
    {
        var (run, ownerId) = await CreateAsync("--jwks", WriteFile(content));

        CliRunner.AssertOneLineError(run, expected);
        Assert.False(await OwnsAnyClientAsync(ownerId));
    }

    [Fact]
    public async Task ClientsCreate_MissingJwksFile_FailsNamingTheOption()
    {
        var (run, _) = await CreateAsync("--jwks", Path.Combine(_folder, "absent.json"));

        CliRunner.AssertOneLineError(run, "--jwks: cannot read");
    }

    [Fact]
    public async Task ClientsCreate_HttpJwksUri_FailsWhileHttpsIsRequired()
    {
        var (run, _) = await CreateAsync("--jwks-uri", "http://keys.example.com/jwks.json");

        CliRunner.AssertOneLineError(run, "--jwks-uri: The jwks_uri 'http://keys.example.com/jwks.json' must be an absolute https URL.");
    }

    [Theory]
    [InlineData("--public", "--auth-method", "private_key_jwt", "--dpop-bound", "--auth-method: A public client has no credentials")]
    [InlineData("--auth-method", "client_secret_jwt", "--profile", "none", "--auth-method: The token endpoint authentication method must be one of")]
    [InlineData("--auth-method", "private_key_jwt", "--profile", "none", "--jwks: private_key_jwt needs the client's public keys")]
    [InlineData("--profile", "fapi1", "--require-par", "--dpop-bound", "--profile: unknown profile 'fapi1'")]
    public async Task ClientsCreate_RefusedCombination_FailsNamingTheOption(string a, string b, string c, string d, string expected)
    {
        var (run, ownerId) = await CreateAsync(a, b, c, d);

        CliRunner.AssertOneLineError(run, expected);
        Assert.False(await OwnsAnyClientAsync(ownerId));
    }

    [Fact]
    public async Task ClientsCreate_SecretMethodWithAJwksFile_FailsNamingTheOption()
    {
        var (run, _) = await CreateAsync("--auth-method", "client_secret_post", "--jwks", WriteFile(KeyClients.JwkSet(KeyClients.Ec())));

        CliRunner.AssertOneLineError(run, "--jwks: Public keys are registered only for private_key_jwt");
    }

    [Fact]
    public async Task ClientsList_Json_HasTheAuthenticationAndProfileFields()
    {
        var (created, _) = await CreateAsync("--jwks", WriteFile(KeyClients.JwkSet(KeyClients.Ec())), "--profile", "fapi2", "--json");
        var clientId = JsonSerializer.Deserialize<JsonElement>(created.Output).GetProperty("client_id").GetString();

        var run = await CliRunner.RunAsync(factory, "clients", "list", "--json");

        var row = JsonSerializer.Deserialize<JsonElement>(run.Output).EnumerateArray().Single(c => c.GetProperty("client_id").GetString() == clientId);
        Assert.Equal("private_key_jwt", row.GetProperty("token_endpoint_auth_method").GetString());
        Assert.True(row.GetProperty("has_jwks").GetBoolean());
        Assert.Equal("fapi2", row.GetProperty("profile").GetString());
    }
}
