using OAuthPortal.Data;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// A test's own empty database, migrated by the portal's start-up: a temporary SQLite file, or, in the PostgreSQL test
/// assembly (built with POSTGRESQL, see PostgreSql/OAuthPortal.Tests.PostgreSql.csproj) or when asked for, a database
/// and role of their own on <see cref="PostgreSqlServer"/>.
/// </summary>
public sealed class TestDatabase : IDisposable
{
#if POSTGRESQL
    public const DatabaseProvider DefaultProvider = DatabaseProvider.PostgreSql;
#else
    public const DatabaseProvider DefaultProvider = DatabaseProvider.Sqlite;
#endif

    private readonly string? _postgreSqlName;

    public TestDatabase(DatabaseProvider provider = DefaultProvider)
    {
        Provider = provider;
        if (provider == DatabaseProvider.PostgreSql)
        {
            _postgreSqlName = $"oauthportal_test_{Guid.NewGuid():N}";
            ConnectionString = PostgreSqlServer.CreateDatabase(_postgreSqlName);
            SqlitePath = "";
        }
        else
        {
            SqlitePath = Path.Combine(Path.GetTempPath(), $"oauthportal-test-{Guid.NewGuid():N}.db");
            ConnectionString = $"Data Source={SqlitePath}";
        }
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file (empty for PostgreSQL).</summary>
    public string SqlitePath { get; }

    /// <summary>EF Core's provider name, as <c>Database.ProviderName</c> says it.</summary>
    public string ProviderName => Provider == DatabaseProvider.PostgreSql ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>The settings that point a portal at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Portal"] = ConnectionString,
    };

    /// <summary>True when <paramref name="text"/> appears anywhere in the stored data (to prove a secret is kept only as a hash).</summary>
    public async Task<bool> ContainsAsync(string text) =>
        Provider == DatabaseProvider.PostgreSql
            ? (await PostgreSqlServer.DumpAsync(ConnectionString)).Contains(text, StringComparison.Ordinal)
            : DatabaseFiles.Contain(SqlitePath, text);

    public void Dispose()
    {
        if (_postgreSqlName is not null)
        {
            PostgreSqlServer.DropDatabase(_postgreSqlName, ConnectionString);
        }
        else
        {
            DatabaseFiles.Delete(SqlitePath);
        }
    }
}
