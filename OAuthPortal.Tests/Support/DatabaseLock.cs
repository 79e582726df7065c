using Microsoft.Data.Sqlite;

namespace OAuthPortal.Tests.Support;

/// <summary>Another process's hold on a test's SQLite database: <c>BEGIN EXCLUSIVE</c> on a connection of its own until disposed.</summary>
public sealed class DatabaseLock : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private DatabaseLock(SqliteConnection connection) => _connection = connection;

    public static async Task<DatabaseLock> HoldAsync(string databasePath)
    {
        var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE;";
        await begin.ExecuteNonQueryAsync();
        return new DatabaseLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        await using (var rollback = _connection.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        await _connection.DisposeAsync();
    }
}
