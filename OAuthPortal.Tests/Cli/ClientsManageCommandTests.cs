using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

/// <summary><c>clients show|disable|enable|delete|rotate-secret</c>.</summary>
public sealed class ClientsManageCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<Client?> FindAsync(string clientId) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId));

    private async Task<(PortalUser Owner, string ClientId)> RegisterAsync(ClientType type = ClientType.Confidential)
    {
        var owner = await TestUsers.CreateAsync(factory);
        return (owner, (await TestClients.RegisterAsync(factory, owner.Id, type, "https://shop.example.test/cb")).ClientId);
    }

    [Fact]
    public async Task ClientsShow_Json_HasTheClientsSettingsAndFiguresButNoSecret()
    {
        var (owner, clientId) = await RegisterAsync();
        await TestTokens.IssueAsync(factory, clientId, owner.Id);

        var run = await CliRunner.RunAsync(factory, "clients", "show", "--client-id", clientId, "--json");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        var json = JsonSerializer.Deserialize<JsonElement>(run.Output);
        Assert.Equal(clientId, json.GetProperty("client_id").GetString());
        Assert.Equal("confidential", json.GetProperty("type").GetString());
        Assert.True(json.GetProperty("enabled").GetBoolean());
        Assert.Equal(owner.Email, json.GetProperty("owner").GetString());
        Assert.Equal(["https://shop.example.test/cb"], json.GetProperty("redirect_uris").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(["authorization_code", "refresh_token"], json.GetProperty("grant_types").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("client_secret_basic", json.GetProperty("token_endpoint_auth_method").GetString());
        Assert.True(json.GetProperty("has_secret").GetBoolean());
        Assert.Equal(1, json.GetProperty("active_tokens").GetInt32());
        Assert.Equal(1, json.GetProperty("tokens_issued").GetInt32());
        Assert.False(json.TryGetProperty("client_secret", out _));
    }

    [Fact]
    public async Task ClientsShow_Text_ListsOneSettingALine()
    {
        var (owner, clientId) = await RegisterAsync(ClientType.Public);

        var run = await CliRunner.RunAsync(factory, "clients", "show", "--client-id", clientId);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches($@"(?m)^client_id:\s+{clientId}$", run.Output);
        Assert.Matches(@"(?m)^type:\s+public$", run.Output);
        Assert.Matches($@"(?m)^owner:\s+{owner.Email}$", run.Output);
        Assert.Matches(@"(?m)^redirect_uris:\s+https://shop\.example\.test/cb$", run.Output);
        Assert.Matches(@"(?m)^tokens:\s+0 active of 0 issued$", run.Output);
    }

    [Fact]
    public async Task ClientsDisableThenEnable_FlipsEnabledAndAuditsBoth()
    {
        var (_, clientId) = await RegisterAsync();

        var disabled = await CliRunner.RunAsync(factory, "clients", "disable", "--client-id", clientId);
        var stateAfterDisable = (await FindAsync(clientId))!.Enabled;
        var enabled = await CliRunner.RunAsync(factory, "clients", "enable", "--client-id", clientId);

        Assert.Equal((0, 0), (disabled.ExitCode, enabled.ExitCode));
        Assert.StartsWith($"Disabled client {clientId}", disabled.Output);
        Assert.Equal($"Enabled client {clientId}.", enabled.Output.Trim());
        Assert.False(stateAfterDisable);
        Assert.True((await FindAsync(clientId))!.Enabled);
        Assert.Equal(2, await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.CountAsync(e =>
            e.Actor == "cli" && e.Target.StartsWith($"client:{clientId}") && (e.Action == AuditAction.ClientDisabled || e.Action == AuditAction.ClientEnabled))));
    }

    [Fact]
    public async Task ClientsDelete_Existing_DeletesItWithItsTokens()
    {
        var (owner, clientId) = await RegisterAsync();
        var tokens = await TestTokens.IssueAsync(factory, clientId, owner.Id);

        var run = await CliRunner.RunAsync(factory, "clients", "delete", "--client-id", clientId);

        Assert.Equal((0, $"Deleted client {clientId} with its codes and tokens."), (run.ExitCode, run.Output.Trim()));
        Assert.Null(await FindAsync(clientId));
        Assert.Null(await TestTokens.ByAccessTokenAsync(factory, tokens.AccessToken));
        Assert.Equal(1, await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.CountAsync(e =>
            e.Actor == "cli" && e.Action == AuditAction.ClientDeleted && e.Target.StartsWith($"client:{clientId}"))));
    }

    [Fact]
    public async Task ClientsRotateSecret_Json_PrintsANewSecretWhoseHashReplacesTheOld()
    {
        var (_, clientId) = await RegisterAsync();
        var before = (await FindAsync(clientId))!.SecretHash;

        var run = await CliRunner.RunAsync(factory, "clients", "rotate-secret", "--client-id", clientId, "--json");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        var json = JsonSerializer.Deserialize<JsonElement>(run.Output);
        Assert.Equal(clientId, json.GetProperty("client_id").GetString());
        var secret = json.GetProperty("client_secret").GetString()!;
        var after = (await FindAsync(clientId))!.SecretHash;
        Assert.Equal(SecretHasher.Hash(secret), after);
        Assert.NotEqual(before, after);
        Assert.Equal(1, await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.CountAsync(e =>
            e.Actor == "cli" && e.Action == AuditAction.ClientSecretRotated && e.Target.StartsWith($"client:{clientId}"))));
    }

    [Fact]
    public async Task ClientsRotateSecret_Text_PrintsTheSecretOnceWithAWarning()
    {
        var (_, clientId) = await RegisterAsync();

        var run = await CliRunner.RunAsync(factory, "clients", "rotate-secret", "--client-id", clientId);

        Assert.Equal(0, run.ExitCode);
        var secret = Assert.Single(System.Text.RegularExpressions.Regex.Matches(run.Output, @"(?m)^client_secret:\s+([A-Za-z0-9_-]{43})$")).Groups[1].Value;
        Assert.Equal(SecretHasher.Hash(secret), (await FindAsync(clientId))!.SecretHash);
        Assert.Contains("shown only this once", run.Output);
    }

    [Fact]
    public async Task ClientsRotateSecret_PublicClient_FailsWithOneLine()
    {
        var (_, clientId) = await RegisterAsync(ClientType.Public);

        var run = await CliRunner.RunAsync(factory, "clients", "rotate-secret", "--client-id", clientId);

        CliRunner.AssertOneLineError(run, "is public: it has no secret to rotate");
    }

    [Theory]
    [InlineData("show")]
    [InlineData("disable")]
    [InlineData("enable")]
    [InlineData("delete")]
    [InlineData("rotate-secret")]
    public async Task ClientsCommand_UnknownClientId_FailsWithOneLine(string command)
    {
        var run = await CliRunner.RunAsync(factory, "clients", command, "--client-id", "no-such-client");

        CliRunner.AssertOneLineError(run, "No client has the client_id 'no-such-client'");
    }

    [Theory]
    [InlineData("show")]
    [InlineData("delete")]
    public async Task ClientsCommand_MissingClientId_FailsNamingTheOption(string command)
    {
        var run = await CliRunner.RunAsync(factory, "clients", command);

        CliRunner.AssertOneLineError(run, "--client-id");
    }
}
