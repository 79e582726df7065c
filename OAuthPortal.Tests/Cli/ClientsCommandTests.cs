using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

public sealed class ClientsCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<CliRun> CreateAsync(string owner, params string[] extra) =>
        await CliRunner.RunAsync(factory, ["clients", "create", "--owner", owner, "--name", "Billing", .. extra]);

    private Task<Client?> FindAsync(string clientId) => factory.WithScopeAsync(s =>
        s.GetRequiredService<PortalDbContext>().Clients.Include(c => c.RedirectUris).Include(c => c.PostLogoutRedirectUris)
            .AsSplitQuery().SingleOrDefaultAsync(c => c.Id == clientId));

    [Fact]
    public async Task ClientsCreate_Json_PrintsCredentialsAndStoresOnlyTheSecretHash()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var run = await CreateAsync(owner.Email!, "--redirect-uri", "https://billing.example.test/cb", "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JsonSerializer.Deserialize<JsonElement>(run.Output);
        var clientId = json.GetProperty("client_id").GetString()!;
        var secret = json.GetProperty("client_secret").GetString()!;
        var stored = (await FindAsync(clientId))!;
        Assert.Equal(SecretHasher.Hash(secret), stored.SecretHash);
        Assert.Equal(ClientType.Confidential, stored.Type);
        Assert.Equal(owner.Id, stored.OwnerId);
    }

    [Fact]
    public async Task ClientsCreate_Text_PrintsTheSecretOnceWithAWarning()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var run = await CreateAsync(owner.Email!, "--redirect-uri", "https://billing.example.test/cb");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"(?m)^client_id:\s+[A-Za-z0-9_-]{22}$", run.Output);
        Assert.Matches(@"(?m)^client_secret:\s+[A-Za-z0-9_-]{43}$", run.Output);
        Assert.Contains("shown only this once", run.Output);
    }

    [Fact]
    public async Task ClientsCreate_PublicWithSeveralUris_HasNoSecretAndKeepsUrisInOrder()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var run = await CreateAsync(owner.Email!, "--public", "--json",
            "--redirect-uri", "http://127.0.0.1:7000/cb", "--redirect-uri", "https://app.example.test/cb");

        Assert.Equal(0, run.ExitCode);
        var json = JsonSerializer.Deserialize<JsonElement>(run.Output);
        Assert.False(json.TryGetProperty("client_secret", out _));
        var stored = (await FindAsync(json.GetProperty("client_id").GetString()!))!;
        Assert.Null(stored.SecretHash);
        Assert.Equal(["http://127.0.0.1:7000/cb", "https://app.example.test/cb"], stored.RedirectUris.OrderBy(r => r.Id).Select(r => r.Uri));
    }

    [Fact]
    public async Task ClientsCreate_UnknownOwner_FailsWithOneLine()
    {
        var run = await CreateAsync(Unique.Email("ghost"), "--redirect-uri", "https://billing.example.test/cb");

        CliRunner.AssertOneLineError(run, "No user has the e-mail address");
    }

    [Theory]
    [InlineData("https://billing.example.test/cb#fragment", "fragment")]
    [InlineData("http://billing.example.test/cb", "must use https")]
    [InlineData("/relative/cb", "absolute")]
    public async Task ClientsCreate_InvalidRedirectUri_FailsWithOneLineAndSavesNothing(string redirectUri, string expected)
    {
        var owner = await TestUsers.CreateAsync(factory);

        var run = await CreateAsync(owner.Email!, "--redirect-uri", redirectUri);

        CliRunner.AssertOneLineError(run, expected);
        Assert.False(await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.OwnerId == owner.Id)));
    }

    [Fact]
    public async Task ClientsCreate_NoRedirectUri_FailsNamingTheOption()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var run = await CreateAsync(owner.Email!);

        CliRunner.AssertOneLineError(run, "--redirect-uri");
    }

    [Fact]
    public async Task ClientsList_AfterCreate_ShowsTheClientWithoutAnySecret()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var created = JsonSerializer.Deserialize<JsonElement>((await CreateAsync(owner.Email!, "--redirect-uri", "https://billing.example.test/cb", "--json")).Output);
        var clientId = created.GetProperty("client_id").GetString()!;
        var secret = created.GetProperty("client_secret").GetString()!;

        var text = await CliRunner.RunAsync(factory, "clients", "list");
        var json = await CliRunner.RunAsync(factory, "clients", "list", "--json");

        Assert.Matches($@"(?m)^{clientId}\s+confidential\s+yes\s+{owner.Email}\s+1\s+0\s+no\s+RS256\s+authorization_code,refresh_token\s+Billing$", text.Output);
        var listed = JsonSerializer.Deserialize<JsonElement>(json.Output).EnumerateArray().Single(c => c.GetProperty("client_id").GetString() == clientId);
        Assert.Equal(owner.Email, listed.GetProperty("owner").GetString());
        Assert.Equal("https://billing.example.test/cb", listed.GetProperty("redirect_uris")[0].GetString());
        Assert.DoesNotContain(secret, text.Output + json.Output);
        // No member names a secret; only the method's wire name (client_secret_basic) says one exists.
        Assert.DoesNotContain(listed.EnumerateObject(), member => member.Name.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientsCreate_OidcOptions_StoresRepeatedPostLogoutUrisBackchannelAndAlgorithm()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var run = await CreateAsync(owner.Email!, "--json", "--redirect-uri", "https://billing.example.test/cb",
            "--post-logout-redirect-uri", "https://billing.example.test/bye", "--post-logout-redirect-uri", "http://127.0.0.1:7000/bye",
            "--backchannel-logout-uri", "https://billing.example.test/backchannel", "--id-token-signed-response-alg", "ES256");

        Assert.Equal(0, run.ExitCode);
        var stored = (await FindAsync(JsonSerializer.Deserialize<JsonElement>(run.Output).GetProperty("client_id").GetString()!))!;
        Assert.Equal(["https://billing.example.test/bye", "http://127.0.0.1:7000/bye"], stored.PostLogoutRedirectUris.OrderBy(r => r.Id).Select(r => r.Uri));
        Assert.Equal("https://billing.example.test/backchannel", stored.BackchannelLogoutUri);
        Assert.Equal("ES256", stored.IdTokenSignedResponseAlg);
    }

    [Theory]
    [InlineData("--post-logout-redirect-uri", "https://billing.example.test/bye#fragment", "post-logout redirect URI must not contain a fragment")]
    [InlineData("--post-logout-redirect-uri", "http://billing.example.test/bye", "must use https")]
    [InlineData("--backchannel-logout-uri", "https://billing.example.test/bc#fragment", "back-channel logout URI must not contain a fragment")]
    [InlineData("--backchannel-logout-uri", "http://billing.example.test/bc", "back-channel logout URI must use https")]
    [InlineData("--backchannel-logout-uri", "myapp://logout", "back-channel logout URI must be an absolute http or https URL")]
    [InlineData("--id-token-signed-response-alg", "HS256", "must be one of RS256, ES256")]
    public async Task ClientsCreate_InvalidOidcOption_FailsWithOneLineAndSavesNothing(string option, string value, string expected)
    {
        var owner = await TestUsers.CreateAsync(factory);

        var run = await CreateAsync(owner.Email!, "--redirect-uri", "https://billing.example.test/cb", option, value);

        CliRunner.AssertOneLineError(run, expected);
        Assert.False(await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.OwnerId == owner.Id)));
    }

    [Fact]
    public async Task ClientsCreate_PostLogoutOptionWithoutAValue_FailsNamingTheOption()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var run = await CreateAsync(owner.Email!, "--redirect-uri", "https://billing.example.test/cb", "--post-logout-redirect-uri");

        CliRunner.AssertOneLineError(run, "--post-logout-redirect-uri");
    }

    [Fact]
    public async Task ClientsList_Json_IncludesTheOidcSettings()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var created = await CreateAsync(owner.Email!, "--json", "--redirect-uri", "https://billing.example.test/cb",
            "--post-logout-redirect-uri", "https://billing.example.test/bye", "--backchannel-logout-uri", "https://billing.example.test/bc",
            "--id-token-signed-response-alg", "ES256");
        var clientId = JsonSerializer.Deserialize<JsonElement>(created.Output).GetProperty("client_id").GetString()!;

        var text = await CliRunner.RunAsync(factory, "clients", "list");
        var json = await CliRunner.RunAsync(factory, "clients", "list", "--json");

        Assert.Matches($@"(?m)^{clientId}\s+confidential\s+yes\s+{owner.Email}\s+1\s+1\s+yes\s+ES256\s+authorization_code,refresh_token\s+Billing$", text.Output);
        var listed = JsonSerializer.Deserialize<JsonElement>(json.Output).EnumerateArray().Single(c => c.GetProperty("client_id").GetString() == clientId);
        Assert.Equal("https://billing.example.test/bye", Assert.Single(listed.GetProperty("post_logout_redirect_uris").EnumerateArray()).GetString());
        Assert.Equal("https://billing.example.test/bc", listed.GetProperty("backchannel_logout_uri").GetString());
        Assert.Equal("ES256", listed.GetProperty("id_token_signed_response_alg").GetString());
    }

    [Fact]
    public async Task ClientsList_OwnerlessProgramClient_SaysItHasNoOwnerAndWasRegisteredByAProgram()
    {
        var clientId = await ProgramClients.InsertAsync(factory, ownerId: null);

        var text = await CliRunner.RunAsync(factory, "clients", "list");
        var json = await CliRunner.RunAsync(factory, "clients", "list", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Matches($@"(?m)^{clientId}\s+confidential\s+yes\s+\(none: open registration\)\s", text.Output);
        var item = JsonSerializer.Deserialize<JsonElement[]>(json.Output)!.Single(c => c.GetProperty("client_id").GetString() == clientId);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("owner").ValueKind);
        Assert.True(item.GetProperty("registered_by_program").GetBoolean());
    }
}
