using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace OAuthPortal.Data;

/// <summary>Applies the provider's EF Core migrations (never EnsureCreated).</summary>
public sealed class PortalDatabaseMigrator(PortalDbContext db, IOptions<DatabaseOptions> options, ILogger<PortalDatabaseMigrator> logger)
{
    /// <summary>The PostgreSQL advisory lock key that serialises migrations across instances (any fixed 64-bit number).</summary>
    private const long PostgreSqlMigrationLock = 0x4F41_7550_6F72_7401;

    /// <summary>Creates the SQLite folder if needed, applies pending migrations and returns their names.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            CreateSqliteFolder(options.Value.ConnectionString!);
        }

        // A migration may rebuild a big table: it gets far longer than a request's Database:CommandTimeout.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var postgres = options.Value.Provider == DatabaseProvider.PostgreSql;
        if (postgres)
        {
            // Npgsql's migration lock is a LOCK TABLE inside each migration's transaction: released after the first
            // migration, so two instances starting on a fresh database could both run the second one. A session-level
            // advisory lock on the connection EF then uses holds for the whole run.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({PostgreSqlMigrationLock})", cancellationToken);
        }

        List<string> pending;
        try
        {
            pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                await db.Database.MigrateAsync(cancellationToken);
                logger.LogInformation("Applied {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            }
        }
        finally
        {
            if (postgres)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({PostgreSqlMigrationLock})", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }

        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging: readers (bearer validation) do not wait for writers (token issue).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return pending;
    }

    private static void CreateSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.IsPathRooted(dataSource) ? Path.GetDirectoryName(dataSource) : null;
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
