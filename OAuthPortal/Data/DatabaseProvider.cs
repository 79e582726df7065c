namespace OAuthPortal.Data;

public enum DatabaseProvider
{
    /// <summary>Embedded default: a file under App_Data, so <c>dotnet run</c> works on a fresh machine.</summary>
    Sqlite,

    /// <summary>A server database: several portal instances share it.</summary>
    SqlServer,

    /// <summary>A server database (PostgreSQL 15 or later): several portal instances share it.</summary>
    PostgreSql,
}
