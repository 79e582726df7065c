using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace OAuthPortal.Data;

/// <summary>
/// Which failures mean "the database cannot serve this request for now" rather than a bug in the request's code: those
/// are answered 503 with Retry-After, never 500, and the portal recovers by itself when the database is back. EF Core
/// wraps provider exceptions, so the whole chain is examined. <see cref="IsPassing"/> tells the ordinary, passing ones
/// (busy past Database:CommandTimeout, unreachable, failing over: one warning line) from those an operator must look at
/// (a read-only or vanished file, a full disk, a deadlock: logged as errors with their stack trace).
/// </summary>
public static class DatabaseUnavailable
{
    // https://www.sqlite.org/rescode.html
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteIoError = 10, SqliteFull = 13, SqliteCantOpen = 14;

    // SQL Server: timeout (-2), network and connection failures, database not available or failing over.
    private static readonly HashSet<int> SqlServerPassing = [-2, -1, 2, 53, 121, 233, 4060, 10053, 10054, 10060, 10928, 10929, 40197, 40501, 40613, 49918, 49919, 49920];

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) says the database cannot serve the request now.</summary>
    public static bool Is(Exception exception) => Any(exception, e => IsPassingOutage(e) || IsFault(e));

    /// <summary>Whether it is an outage that passes by itself: busy, unreachable, timed out, failing over.</summary>
    public static bool IsPassing(Exception exception) => Any(exception, IsPassingOutage);

    private static bool Any(Exception exception, Func<Exception, bool> test)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (test(e) || (e is AggregateException aggregate && aggregate.InnerExceptions.Any(inner => Any(inner, test))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPassingOutage(Exception exception) => exception switch
    {
        DatabaseUnavailableException => true,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteBusy,
        SqlException sqlServer => sqlServer.Errors.Cast<SqlError>().Any(e => SqlServerPassing.Contains(e.Number)),
        // SqlClient's pool of connections stayed empty for the connect timeout: the server is slow or away.
        InvalidOperationException pool => pool.Message.Contains("obtaining a connection from the pool", StringComparison.Ordinal),
        // Other server providers (Npgsql) mark connection failures, timeouts and fail-overs as transient.
        DbException { IsTransient: true } => true,
        _ => false,
    };

    private static bool IsFault(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteLocked or SqliteReadOnly or SqliteIoError or SqliteFull or SqliteCantOpen,
        SqlException sqlServer => sqlServer.Errors.Cast<SqlError>().Any(e => e.Number == 1205), // chosen as a deadlock victim
        _ => false,
    };
}
