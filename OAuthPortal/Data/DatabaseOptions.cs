namespace OAuthPortal.Data;

/// <summary>Settings of section <c>Database</c> (plus <c>ConnectionStrings:Portal</c>).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Portal";
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/oauthportal.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the portal or a CLI command starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// How long a statement, or a write waiting for SQLite's lock, may take before the request gets a 503 with
    /// Retry-After (the database is locked, overloaded or away). Whole seconds; migrations get longer.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><see cref="CommandTimeout"/> in the whole seconds ADO.NET providers take (at least 1).</summary>
    public int CommandTimeoutSeconds => Math.Max(1, (int)Math.Ceiling(CommandTimeout.TotalSeconds));

    /// <summary>From <c>ConnectionStrings:Portal</c>; for SQLite a relative file path is resolved against the content root.</summary>
    public string? ConnectionString { get; set; }
}
