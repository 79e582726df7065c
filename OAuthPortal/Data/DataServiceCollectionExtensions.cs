using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
                    options.Provider, configuration.GetConnectionString(DatabaseOptions.ConnectionStringName), environment))
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString),
                $"ConnectionStrings:{DatabaseOptions.ConnectionStringName} must be set when Database:Provider is SqlServer.")
            .ValidateOnStart();

        // Pooled: the token endpoint and bearer validation reuse contexts and their options instead of building both
        // on every request.
        services.AddDbContextPool<SqlitePortalDbContext>((sp, options) =>
            options.UseSqlite(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        services.AddDbContextPool<SqlServerPortalDbContext>((sp, options) =>
            options.UseSqlServer(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        // One provider per process: the compiled queries (EF.CompileAsyncQuery on PortalDbContext) bind to the model
        // of the first context they run on and refuse another.
        services.AddScoped<PortalDbContext>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.SqlServer => sp.GetRequiredService<SqlServerPortalDbContext>(),
                _ => sp.GetRequiredService<SqlitePortalDbContext>(),
            });
        services.AddScoped<PortalDatabaseMigrator>();
        services.AddSingleton<DatabaseWriteGate>();
        return builder;
    }

    private static string? ResolveConnectionString(DatabaseProvider provider, string? configured, IHostEnvironment environment)
    {
        if (provider != DatabaseProvider.Sqlite)
        {
            return configured;
        }

        var sqlite = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? DatabaseOptions.DefaultSqliteConnectionString : configured);
        var isFile = sqlite.Mode != SqliteOpenMode.Memory && sqlite.DataSource is not ("" or ":memory:");
        if (isFile && !Path.IsPathRooted(sqlite.DataSource))
        {
            sqlite.DataSource = Path.GetFullPath(Path.Combine(environment.ContentRootPath, sqlite.DataSource));
        }

        return sqlite.ToString();
    }
}
