using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;

namespace OAuthPortal.Data;

/// <summary>
/// Which failures mean "the database cannot serve this request for now" (locked, busy past Database:CommandTimeout,
/// unreachable, out of disk) rather than a bug: those are answered 503 with Retry-After, never 500, and the portal
/// recovers by itself when the database is back. EF Core wraps provider exceptions, so the whole chain is examined.
/// </summary>
public static class DatabaseUnavailable
{
    // https://www.sqlite.org/rescode.html
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteIoError = 10, SqliteFull = 13, SqliteCantOpen = 14;

    // SQL Server: timeout (-2), network and connection failures, database not available or failing over, deadlock victim.
    private static readonly HashSet<int> SqlServerUnavailable = [-2, -1, 2, 53, 121, 233, 1205, 4060, 10053, 10054, 10060, 10928, 10929, 40197, 40501, 40613, 49918, 49919, 49920];

    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (IsUnavailable(e) || (e is AggregateException aggregate && aggregate.InnerExceptions.Any(Is)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnavailable(Exception exception) => exception switch
    {
        DatabaseUnavailableException => true,
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteReadOnly or SqliteIoError or SqliteFull or SqliteCantOpen,
        SqlException sqlServer => sqlServer.Errors.Cast<SqlError>().Any(e => SqlServerUnavailable.Contains(e.Number)),
        // Other server providers (Npgsql) mark connection failures, timeouts and fail-overs as transient.
        DbException { IsTransient: true } => true,
        _ => false,
    };
}
