using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

/// <summary><c>clients add-redirect-uri|remove-redirect-uri</c>: the developer area's rules, from the same code.</summary>
public sealed class ClientRedirectUriCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string First = "https://shop.example.test/cb";

    private Task<List<string>> UrisAsync(string clientId) => factory.WithScopeAsync(s =>
        s.GetRequiredService<PortalDbContext>().RedirectUris.Where(r => r.ClientId == clientId).OrderBy(r => r.Id).Select(r => r.Uri).ToListAsync());

    private async Task<string> RegisterAsync() =>
        (await TestClients.RegisterAsync(factory, (await TestUsers.CreateAsync(factory)).Id, ClientType.Confidential, First)).ClientId;

    [Fact]
    public async Task AddRedirectUri_NewUri_IsRegisteredAfterTheOthersAndAudited()
    {
        var clientId = await RegisterAsync();

        var run = await CliRunner.RunAsync(factory, "clients", "add-redirect-uri", "--client-id", clientId, "--uri", "https://shop.example.test/other");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.StartsWith($"https://shop.example.test/other is registered; client {clientId} has 2 redirect URI(s):", run.Output);
        Assert.Equal([First, "https://shop.example.test/other"], await UrisAsync(clientId));
        Assert.Equal(1, await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.CountAsync(e =>
            e.Actor == "cli" && e.Action == AuditAction.ClientEdited && e.Target.StartsWith($"client:{clientId}"))));
    }

    [Fact]
    public async Task AddRedirectUri_AlreadyRegistered_ChangesNothing()
    {
        var clientId = await RegisterAsync();

        var run = await CliRunner.RunAsync(factory, "clients", "add-redirect-uri", "--client-id", clientId, "--uri", First);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([First], await UrisAsync(clientId));
    }

    [Theory]
    [InlineData("http://shop.example.test/cb")]
    [InlineData("https://shop.example.test/cb#fragment")]
    [InlineData("not a uri")]
    public async Task AddRedirectUri_UriTheRulesRefuse_FailsNamingTheOptionAndChangesNothing(string uri)
    {
        var clientId = await RegisterAsync();

        var run = await CliRunner.RunAsync(factory, "clients", "add-redirect-uri", "--client-id", clientId, "--uri", uri);

        CliRunner.AssertOneLineError(run, "--uri: ");
        Assert.Equal([First], await UrisAsync(clientId));
    }

    [Fact]
    public async Task RemoveRedirectUri_OneOfTwo_RemovesIt()
    {
        var clientId = await RegisterAsync();
        await CliRunner.RunAsync(factory, "clients", "add-redirect-uri", "--client-id", clientId, "--uri", "https://shop.example.test/other");

        var run = await CliRunner.RunAsync(factory, "clients", "remove-redirect-uri", "--client-id", clientId, "--uri", First);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.StartsWith($"Removed {First}; client {clientId} has 1 redirect URI(s):", run.Output);
        Assert.Equal(["https://shop.example.test/other"], await UrisAsync(clientId));
    }

    [Fact]
    public async Task RemoveRedirectUri_TheOnlyOneOfACodeFlowClient_IsRefusedByTheRules()
    {
        var clientId = await RegisterAsync();

        var run = await CliRunner.RunAsync(factory, "clients", "remove-redirect-uri", "--client-id", clientId, "--uri", First);

        CliRunner.AssertOneLineError(run, "--uri: ");
        Assert.Equal([First], await UrisAsync(clientId));
    }

    [Fact]
    public async Task RemoveRedirectUri_NotRegistered_FailsWithOneLine()
    {
        var clientId = await RegisterAsync();

        var run = await CliRunner.RunAsync(factory, "clients", "remove-redirect-uri", "--client-id", clientId, "--uri", "https://shop.example.test/CB");

        CliRunner.AssertOneLineError(run, "--uri: The client has no such redirect URI");
        Assert.Equal([First], await UrisAsync(clientId));
    }

    [Theory]
    [InlineData("add-redirect-uri")]
    [InlineData("remove-redirect-uri")]
    public async Task RedirectUriCommand_UnknownClient_FailsWithOneLine(string command)
    {
        var run = await CliRunner.RunAsync(factory, "clients", command, "--client-id", "no-such-client", "--uri", First);

        CliRunner.AssertOneLineError(run, "No client has the client_id 'no-such-client'");
    }

    [Fact]
    public async Task AddRedirectUri_MissingUri_FailsNamingTheOption()
    {
        var run = await CliRunner.RunAsync(factory, "clients", "add-redirect-uri", "--client-id", await RegisterAsync());

        CliRunner.AssertOneLineError(run, "--uri");
    }
}
