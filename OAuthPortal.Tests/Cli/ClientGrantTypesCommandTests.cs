using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management.Scopes;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

/// <summary><c>clients create --grant-type ... --machine-scope ...</c>, and the grant types in <c>clients list</c>.</summary>
public sealed class ClientGrantTypesCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Device = "urn:ietf:params:oauth:grant-type:device_code";

    private async Task<CliRun> CreateAsync(string owner, params string[] extra) =>
        await CliRunner.RunAsync(factory, ["clients", "create", "--owner", owner, "--name", "Nightly", .. extra]);

    private Task<string> CreateScopeAsync() =>
        factory.WithScopeAsync(async s => (await s.GetRequiredService<ScopeCatalog>().CreateAsync(Unique.Name("status"), "Service status")).Value!.Name);

    private Task<bool> AnyClientOfAsync(string ownerId) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.OwnerId == ownerId));

    [Fact]
    public async Task ClientsCreate_RepeatedGrantTypesAndMachineScopes_AreStoredAndPrintedAsJson()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var (first, second) = (await CreateScopeAsync(), await CreateScopeAsync());

        var run = await CreateAsync(owner.Email!, "--json", "--grant-type", Device, "--grant-type", "client_credentials", "--grant-type", "refresh_token",
            "--machine-scope", first, "--machine-scope", second);

        Assert.Equal(0, run.ExitCode);
        var json = JsonSerializer.Deserialize<JsonElement>(run.Output);
        Assert.Equal(["refresh_token", "client_credentials", Device], json.GetProperty("grant_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), json.GetProperty("machine_scopes").EnumerateArray().Select(e => e.GetString()));
        var stored = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Include(c => c.MachineScopes)
            .SingleAsync(c => c.Id == json.GetProperty("client_id").GetString()));
        Assert.Equal($"refresh_token client_credentials {Device}", stored.AllowedGrantTypes);
        Assert.Equal(2, stored.MachineScopes.Count);
    }

    [Fact]
    public async Task ClientsCreate_NoGrantType_GetsTheDefaultAndSaysSo()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var text = await CreateAsync(owner.Email!, "--redirect-uri", "https://app.example.test/cb");
        var json = JsonSerializer.Deserialize<JsonElement>((await CreateAsync(owner.Email!, "--redirect-uri", "https://app.example.test/cb", "--json")).Output);

        Assert.Matches(@"(?m)^grant_types:\s+authorization_code refresh_token$", text.Output);
        Assert.Equal(["authorization_code", "refresh_token"], json.GetProperty("grant_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(json.GetProperty("machine_scopes").EnumerateArray());
    }

    [Fact]
    public async Task ClientsCreate_MachineClientWithoutRedirectUri_IsRegistered()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var scope = await CreateScopeAsync();

        var run = await CreateAsync(owner.Email!, "--grant-type", "client_credentials", "--machine-scope", scope);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches($@"(?m)^machine_scopes:\s+{scope}$", run.Output);
    }

    [Fact]
    public async Task ClientsCreate_PublicDeviceClientWithoutRedirectUri_IsRegistered()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var run = await CreateAsync(owner.Email!, "--public", "--grant-type", Device);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no secret", run.Output);
    }

    [Theory]
    [InlineData(new[] { "--public", "--grant-type", "client_credentials" }, "--grant-type: A public client cannot use client_credentials")]
    [InlineData(new[] { "--grant-type", "password" }, "--grant-type: 'password' is not a grant type this portal supports")]
    [InlineData(new[] { "--grant-type", "refresh_token" }, "--grant-type: refresh_token only extends")]
    [InlineData(new[] { "--grant-type", "client_credentials", "--machine-scope", "openid" }, "--machine-scope: The scope 'openid' is user-only")]
    [InlineData(new[] { "--grant-type", "client_credentials", "--machine-scope", "no-such-scope" }, "--machine-scope: There is no scope named 'no-such-scope'")]
    [InlineData(new[] { "--grant-type", "authorization_code" }, "--redirect-uri: A client that uses authorization_code needs between 1 and 20 redirect URIs")]
    public async Task ClientsCreate_RefusedGrantTypeOrMachineScope_FailsWithOneLineNamingTheOption(string[] options, string expected)
    {
        var owner = await TestUsers.CreateAsync(factory);

        var run = await CreateAsync(owner.Email!, options);

        CliRunner.AssertOneLineError(run, expected);
        Assert.False(await AnyClientOfAsync(owner.Id));
    }

    [Fact]
    public async Task ClientsCreate_MachineScopeWithTheDefaultGrantTypes_Fails()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var run = await CreateAsync(owner.Email!, "--redirect-uri", "https://app.example.test/cb", "--machine-scope", await CreateScopeAsync());

        CliRunner.AssertOneLineError(run, "--machine-scope: Machine scopes are only for client_credentials");
    }

    [Fact]
    public async Task ClientsList_MachineClient_ShowsItsGrantTypesAndMachineScopes()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var scope = await CreateScopeAsync();
        var created = await CreateAsync(owner.Email!, "--json", "--grant-type", "client_credentials", "--grant-type", Device, "--machine-scope", scope);
        var clientId = JsonSerializer.Deserialize<JsonElement>(created.Output).GetProperty("client_id").GetString()!;

        var text = await CliRunner.RunAsync(factory, "clients", "list");
        var json = await CliRunner.RunAsync(factory, "clients", "list", "--json");

        Assert.Matches($@"(?m)^{clientId}\s+confidential\s+yes\s+{owner.Email}\s+0\s+0\s+no\s+RS256\s+client_credentials,{Device}\s+Nightly$", text.Output);
        var listed = JsonSerializer.Deserialize<JsonElement>(json.Output).EnumerateArray().Single(c => c.GetProperty("client_id").GetString() == clientId);
        Assert.Equal(["client_credentials", Device], listed.GetProperty("grant_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([scope], listed.GetProperty("machine_scopes").EnumerateArray().Select(e => e.GetString()));
    }
}
