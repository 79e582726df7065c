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

    [Fact]
    public async Task Version_ProductionWithoutIssuer_PrintsTheVersionWithoutTouchingTheDatabase()
    {
        var run = await RunWithoutIssuerAsync("--version");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal(OAuthPortal.Cli.PortalCli.Version, run.Output.Trim());
        Assert.False(File.Exists(_database));
    }

    [Fact]
    public async Task UnknownCommand_AfterHostSettings_HintsInOneLineAndExitsTwoWithoutServing()
    {
        var run = await RunAsync("--environment", "Production", "frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.StartsWith("error: unknown command 'frobnicate'; the commands are migrate, users,", Assert.Single(run.ErrorLines));
        Assert.False(File.Exists(_database));
    }

    [Theory]
    [InlineData("Portal__ForwardedHeaders__Enabled", "maybe", "'maybe' at 'Portal:ForwardedHeaders:Enabled'")]
    [InlineData("OAuth__AccessTokenLifetime", "banana", "'banana' at 'OAuth:AccessTokenLifetime'")]
    [InlineData("ConnectionStrings__Portal", "Data Sourc=/tmp/x.db", "keyword 'data sourc' is not supported")]
    [InlineData("Database__Provider", "Oracle", "'Oracle' at 'Database:Provider'")]
    public async Task AnyCommand_UnusableSetting_FailsWithOneLineAndNoStackTrace(string setting, string value, string expected)
    {
        var run = await PortalProcess.RunAsync(_database, new Dictionary<string, string> { [setting] = value }, "scopes", "list");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.ErrorLines));
        Assert.DoesNotContain("   at ", run.Error);
        Assert.DoesNotContain("Unhandled exception", run.Error);
    }

    [Fact]
    public async Task AnyCommand_MissingDatabaseAndMigrateOnStartOff_SaysToMigrateInOneLine()
    {
        var run = await PortalProcess.RunAsync(_database, new Dictionary<string, string> { ["Database__MigrateOnStart"] = "false" }, "users", "list");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("run `migrate` first", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task UsersSetPassword_PasswordPipedIn_SetsItAndNeverEchoesIt()
    {
        var email = Unique.Email();
        Assert.Equal(0, (await RunAsync("users", "create", "--email", email, "--password", TestUsers.Password)).ExitCode);

        var run = await PortalProcess.RunWithInputAsync(_database, null, "N3w-Stapl3-Battery!\n", "users", "set-password", "--email", email);
        var weak = await PortalProcess.RunWithInputAsync(_database, null, "weak\n", "users", "set-password", "--email", email);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal($"Set the password of {email}; their sign-in sessions have ended.", run.Output.Trim());
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("Passwords must be at least 6 characters.", Assert.Single(weak.ErrorLines));
    }

    public void Dispose() => DatabaseFiles.Delete(_database);
}
