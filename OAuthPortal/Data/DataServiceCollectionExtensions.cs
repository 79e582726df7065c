using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OAuthPortal.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PortalDbContext"/> for the configured provider. Settings are read when the
    /// first context is created, so configuration added by a host or a test factory is honoured.
    /// </summary>
    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .Configure<IConfiguration, IHostEnvironment>((options, configuration, environment) =>
                options.ConnectionString = ResolveConnectionString(
                    options, configuration.GetConnectionString(DatabaseOptions.ConnectionStringName), environment))
            .Validate(options => options.CommandTimeout >= TimeSpan.FromSeconds(1) && options.CommandTimeout <= TimeSpan.FromHours(1),
                "Database:CommandTimeout must be between 00:00:01 and 01:00:00.")
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString),
                $"ConnectionStrings:{DatabaseOptions.ConnectionStringName} must be set when Database:Provider is SqlServer or PostgreSql.")
            .ValidateOnStart();

        // Pooled: the token endpoint and bearer validation reuse contexts and their options instead of building both
        // on every request.
        services.AddDbContextPool<SqlitePortalDbContext>((sp, options) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseSqlite(database.ConnectionString, sqlite => sqlite.CommandTimeout(database.CommandTimeoutSeconds));
        });
        services.AddDbContextPool<SqlServerPortalDbContext>((sp, options) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseSqlServer(database.ConnectionString, sqlServer => sqlServer.CommandTimeout(database.CommandTimeoutSeconds));
        });
        services.AddDbContextPool<PostgreSqlPortalDbContext>((sp, options) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseNpgsql(database.ConnectionString, postgreSql => postgreSql.CommandTimeout(database.CommandTimeoutSeconds));
        });
        // One provider per process: the compiled queries (EF.CompileAsyncQuery on PortalDbContext) bind to the model
        // of the first context they run on and refuse another.
        services.AddScoped<PortalDbContext>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.SqlServer => sp.GetRequiredService<SqlServerPortalDbContext>(),
                DatabaseProvider.PostgreSql => sp.GetRequiredService<PostgreSqlPortalDbContext>(),
                _ => sp.GetRequiredService<SqlitePortalDbContext>(),
            });
        services.AddScoped<PortalDatabaseMigrator>();
        services.AddSingleton<DatabaseWriteGate>();
        services.AddScoped<AttemptCounters>();
        services.AddSingleton<ClusterInstance>();
        services.AddScoped<ClusterLeases>();
        return builder;
    }

    private static string? ResolveConnectionString(DatabaseOptions options, string? configured, IHostEnvironment environment)
    {
        if (options.Provider == DatabaseProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(configured))
            {
                return configured;
            }

            // Opening a connection to a stopped server waits Timeout (15 s by default), not the command timeout.
            var postgreSql = new NpgsqlConnectionStringBuilder(configured);
            if (!new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured }.ContainsKey("Timeout"))
            {
                postgreSql.Timeout = Math.Min(options.CommandTimeoutSeconds, 1024);
            }

            return postgreSql.ToString();
        }

        if (options.Provider == DatabaseProvider.SqlServer)
        {
            if (string.IsNullOrWhiteSpace(configured))
            {
                return configured;
            }

            // Opening a connection to a stopped server waits Connect Timeout (15 s by default), not the command timeout.
            var sqlServer = new SqlConnectionStringBuilder(configured);
            if (!sqlServer.ShouldSerialize("Connect Timeout"))
            {
                sqlServer.ConnectTimeout = options.CommandTimeoutSeconds;
            }

            return sqlServer.ToString();
        }

        var sqlite = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? DatabaseOptions.DefaultSqliteConnectionString : configured)
        {
            // How long BEGIN (which SQLite's "Default Timeout" governs, not the command timeout) waits for the write lock.
            DefaultTimeout = options.CommandTimeoutSeconds,
        };
        var isFile = sqlite.Mode != SqliteOpenMode.Memory && sqlite.DataSource is not ("" or ":memory:");
        if (isFile && !Path.IsPathRooted(sqlite.DataSource))
        {
            sqlite.DataSource = Path.GetFullPath(Path.Combine(environment.ContentRootPath, sqlite.DataSource));
        }

        return sqlite.ToString();
    }
}
