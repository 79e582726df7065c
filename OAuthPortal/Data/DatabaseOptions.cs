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

    /// <summary>From <c>ConnectionStrings:Portal</c>; for SQLite a relative file path is resolved against the content root.</summary>
    public string? ConnectionString { get; set; }
}
