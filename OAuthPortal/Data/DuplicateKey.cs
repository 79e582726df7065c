using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace OAuthPortal.Data;

/// <summary>An insert that lost a race: the row's key (primary or unique) exists already. Any other failure is not this.</summary>
public static class DuplicateKey
{
    // SQLite: SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE; SQL Server: 2627, 2601; SQLSTATE 23505 (PostgreSQL).
    public static bool Is(Exception exception) => exception.GetBaseException() switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        SqlException sqlServer => sqlServer.Number is 2627 or 2601,
        DbException other => other.SqlState == "23505",
        _ => false,
    };
}
