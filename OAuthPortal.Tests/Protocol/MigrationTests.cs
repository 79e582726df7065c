using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OAuthPortal.Data;

namespace OAuthPortal.Tests.Protocol;

/// <summary>
/// Both providers' migrations must match the model. SQL Server cannot run here, so its migrations are
/// turned into the DDL script (no connection needed) and checked table by table, so they cannot rot silently.
/// </summary>
public sealed class MigrationTests
{
    private static SqlServerPortalDbContext SqlServerContext() =>
        new(new DbContextOptionsBuilder<SqlServerPortalDbContext>().UseSqlServer("Server=unused;Database=OAuthPortal").Options);

    private static SqlitePortalDbContext SqliteContext() =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=:memory:").Options);

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
    public void Migrations_BothProviders_HaveTheSameMigrationNames()
    {
        using var sqlite = SqliteContext();
        using var sqlServer = SqlServerContext();

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[15..]);

        Assert.Equal(Names(sqlite), Names(sqlServer));
    }
}
