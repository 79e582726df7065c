using Npgsql;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// The PostgreSQL 15 server the tests use: <c>OAUTHPORTAL_TEST_POSTGRESQL</c> (a connection string of a role that may
/// create roles and databases), by default the throwaway server <c>deploy/test-postgresql start</c> runs on
/// 127.0.0.1:55432. Each test database gets a role and a database of its own, dropped afterwards. Without a server the
/// PostgreSQL tests are skipped with <see cref="SkipReason"/>, except on CI (<c>CI=true</c>), where they must run.
/// </summary>
public static class PostgreSqlServer
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    public static string AdminConnectionString { get; } =
        Environment.GetEnvironmentVariable("OAUTHPORTAL_TEST_POSTGRESQL") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>Null when the server answers (or on CI, where a missing server must fail the tests); else why the tests are skipped.</summary>
    public static string? SkipReason =>
        Environment.GetEnvironmentVariable("CI") == "true" ? null : Unavailable.Value;

    private static string? Probe()
    {
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Timeout = 3, Pooling = false }.ToString());
            connection.Open();
            return null;
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            return "No PostgreSQL server for the tests (" + exception.Message + "). Install Debian's 'postgresql' package " +
                   "(PostgreSQL 15) and run deploy/test-postgresql start, or set OAUTHPORTAL_TEST_POSTGRESQL.";
        }
    }

    /// <summary>Creates a role and a database it owns; returns the connection string the portal uses.</summary>
    public static string CreateDatabase(string name)
    {
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        Execute($"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}'", $"CREATE DATABASE \"{name}\" OWNER \"{name}\"");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = name, Username = name, Password = password,
            // Hundreds of short-lived portals: a few connections each, released when idle.
            MaxPoolSize = 20, ConnectionIdleLifetime = 10,
        }.ToString();
    }

    /// <summary>Drops the database (ending its connections) and its role.</summary>
    public static void DropDatabase(string name, string connectionString)
    {
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection); // this database's pool only: other tests' portals keep theirs
        }

        Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", $"DROP ROLE IF EXISTS \"{name}\"");
    }

    /// <summary>The database's rows as <c>pg_dump --data-only</c> writes them (to look for a secret stored in plaintext).</summary>
    public static async Task<string> DumpAsync(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new System.Diagnostics.ProcessStartInfo("pg_dump", ["--data-only", "--host", settings.Host!, "--port", settings.Port.ToString(), "--username", settings.Username!, settings.Database!])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = settings.Password;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException("pg_dump failed: " + await error);
    }

    private static void Execute(params string[] statements)
    {
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        foreach (var statement in statements)
        {
            using var command = new NpgsqlCommand(statement, connection);
            command.ExecuteNonQuery();
        }
    }
}
