using System.Text.Json;
using Microsoft.Data.Sqlite;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

/// <summary>
/// The built OAuthPortal.dll run as its own process, as an operator would: Production environment, a fresh
/// database (migrated by the first command), real exit codes and streams.
/// </summary>
public sealed class BuiltCliProcessTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"oauthportal-cli-{Guid.NewGuid():N}.db");

    private Task<CliRun> RunAsync(params string[] args) => PortalProcess.RunAsync(_database, null, args);

    /// <summary>Without OAuth:Issuer (an empty value is no issuer).</summary>
    private Task<CliRun> RunWithoutIssuerAsync(params string[] args) =>
        PortalProcess.RunAsync(_database, new Dictionary<string, string> { ["OAuth__Issuer"] = "" }, args);

    [Fact]
    public async Task ClientsCreateJson_FreshDatabase_PrintsCredentialsAndTheDatabaseHoldsOnlyTheHash()
    {
        var owner = Unique.Email();
        var user = await RunAsync("users", "create", "--email", owner, "--password", TestUsers.Password);
        Assert.True(user.ExitCode == 0, user.Error);

        var run = await RunAsync("clients", "create", "--owner", owner, "--name", "Shop", "--redirect-uri", "https://shop.example.test/cb", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Empty(run.Error);
        var json = JsonSerializer.Deserialize<JsonElement>(run.Output);
        var clientId = json.GetProperty("client_id").GetString()!;
        var secret = json.GetProperty("client_secret").GetString()!;
        await using var connection = new SqliteConnection($"Data Source={_database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT SecretHash FROM Clients WHERE Id = $id";
        command.Parameters.AddWithValue("$id", clientId);
        Assert.Equal(SecretHasher.Hash(secret), (byte[])(await command.ExecuteScalarAsync())!);
        await connection.CloseAsync();
        Assert.False(DatabaseFiles.Contain(_database, secret), "The plaintext secret was found in the database files.");
    }

    [Fact]
    public async Task Migrate_HostSettingsBeforeTheCommand_RunsTheCommand()
    {
        var run = await RunAsync("--environment", "Production", "migrate");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("Applied ", run.Output);
    }

    [Fact]
    public async Task AnyCommand_ProductionWithoutIssuer_RefusesBeforeTouchingTheDatabase()
    {
        var run = await RunWithoutIssuerAsync("migrate");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("OAuth:Issuer", Assert.Single(run.ErrorLines));
        Assert.False(File.Exists(_database));
    }

    [Fact]
    public async Task ClientsCreate_UnknownOwner_ExitsNonZeroWithOneLineOnStderr()
    {
        var run = await RunAsync("clients", "create", "--owner", "nobody@example.test", "--name", "Shop", "--redirect-uri", "https://shop.example.test/cb");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal("error: No user has the e-mail address 'nobody@example.test'; create one with `users create`.", run.Error.Trim());
    }

    public void Dispose() => DatabaseFiles.Delete(_database);
}
