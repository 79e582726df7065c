using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OAuthPortal.Data;

namespace OAuthPortal.Tests.Protocol;

/// <summary>
/// Every provider's migrations must match the model. SQL Server cannot run here, so its migrations are turned into the
/// DDL script (no connection needed) and checked table by table, so they cannot rot silently; PostgreSQL's also run
/// against a real server (the PostgreSQL test assembly).
/// </summary>
public sealed class MigrationTests
{
    private static SqlServerPortalDbContext SqlServerContext() =>
        new(new DbContextOptionsBuilder<SqlServerPortalDbContext>().UseSqlServer("Server=unused;Database=OAuthPortal").Options);

    private static SqlitePortalDbContext SqliteContext() =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=:memory:").Options);

    private static PostgreSqlPortalDbContext PostgreSqlContext() =>
        new(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql("Host=unused;Database=oauthportal").Options);

    [Fact]
    public void PostgreSqlMigrations_CurrentModel_HaveNoPendingChanges()
    {
        using var db = PostgreSqlContext();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a PostgreSQL migration: see README, 'Changing the model'.");
    }

    [Fact]
    public void PostgreSqlMigrations_Script_UsesTimestampsWithTimeZoneAndIndexesEveryHash()
    {
        using var db = PostgreSqlContext();

        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.DoesNotContain("timestamp without time zone", script);
        Assert.Contains("\"ExpiresAt\" timestamp with time zone NOT NULL", script);
        Assert.Contains("CREATE UNIQUE INDEX \"IX_AccessTokens_TokenHash\"", script);
        Assert.Contains("CREATE UNIQUE INDEX \"IX_AccessTokens_RefreshTokenHash\"", script);
        Assert.Contains("CREATE UNIQUE INDEX \"IX_AuthorizationCodes_CodeHash\"", script);
        Assert.Contains("CREATE INDEX \"EmailIndex\" ON \"AspNetUsers\" (\"NormalizedEmail\")", script);
    }

    [Fact]
    public void SqliteMigrations_CurrentModel_HaveNoPendingChanges()
    {
        using var db = SqliteContext();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQLite migration: see README, 'Changing the model'.");
    }

    [Fact]
    public void SqlServerMigrations_CurrentModel_HaveNoPendingChanges()
    {
        using var db = SqlServerContext();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQL Server migration: see README, 'Changing the model'.");
    }

    [Fact]
    public void SqlServerMigrations_Script_CreatesEveryTableAndIndex()
    {
        using var db = SqlServerContext();

        var script = db.GetService<IMigrator>().GenerateScript();

        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();
        Assert.Contains("AccessTokens", tables);
        Assert.Contains("AuthorizationCodeScopes", tables);
        foreach (var table in tables)
        {
            Assert.Contains($"CREATE TABLE [{table}]", script);
        }

        foreach (var index in db.Model.GetEntityTypes().SelectMany(e => e.GetIndexes()).Select(i => i.GetDatabaseName()).OfType<string>())
        {
            Assert.Contains($"[{index}]", script);
        }

        Assert.Contains("CREATE UNIQUE INDEX [IX_AccessTokens_TokenHash]", script);
        Assert.Contains("COLLATE Latin1_General_100_BIN2", script);
    }

    [Fact]
    public void SqlServerModel_EveryForeignKey_HasTheCollationOfTheKeyItReferences()
    {
        // SQL Server refuses a foreign key between columns of different collations (Msg 1757).
        using var db = SqlServerContext();
        var model = db.GetService<Microsoft.EntityFrameworkCore.Metadata.IDesignTimeModel>().Model;

        var mismatched = model.GetEntityTypes().SelectMany(e => e.GetForeignKeys())
            .SelectMany(fk => fk.Properties.Zip(fk.PrincipalKey.Properties, (column, key) => (column, key)))
            .Where(pair => pair.column.GetCollation() != pair.key.GetCollation())
            .Select(pair => $"{pair.column.DeclaringType.DisplayName()}.{pair.column.Name} -> {pair.key.DeclaringType.DisplayName()}.{pair.key.Name}")
            .ToList();

        Assert.Empty(mismatched);
    }

    [Fact]
    public void SqlServerMigrations_GrantsUpgrade_CarriesRowsOverBeforeDroppingTheCodeLink()
    {
        using var db = SqlServerContext();

        var script = db.GetService<IMigrator>().GenerateScript("20261201220006_AddSessionsAndSignInThrottle");

        var carry = script.IndexOf("SET IDENTITY_INSERT [Grants] ON", StringComparison.Ordinal);
        var drop = script.IndexOf("DROP COLUMN [AuthorizationCodeId]", StringComparison.Ordinal);
        Assert.True(carry > 0 && drop > carry, "the grants must be filled from the codes before AccessTokens.AuthorizationCodeId is dropped");
        Assert.Contains("UPDATE [AccessTokens] SET [GrantId] = [AuthorizationCodeId]", script);
    }

    [Fact]
    public void Migrations_BothProviders_HaveTheSameMigrationNames()
    {
        using var sqlite = SqliteContext();
        using var sqlServer = SqlServerContext();

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[15..]);

        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public void Migrations_AfterThePostgreSqlBaseline_EveryProviderHasTheSameMigrations()
    {
        // PostgreSQL starts from one migration equal to all of SQLite's up to AddClusterState; every later model change
        // is a migration of the same name in all three folders.
        using var sqlite = SqliteContext();
        using var postgreSql = PostgreSqlContext();

        static List<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[15..]).ToList();
        var sqliteNames = Names(sqlite);
        var postgreSqlNames = Names(postgreSql);

        Assert.Equal("InitialPostgreSql", postgreSqlNames[0]);
        Assert.Equal(sqliteNames[(sqliteNames.IndexOf("AddClusterState") + 1)..], postgreSqlNames[1..]);
    }
}
