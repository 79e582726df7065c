using System.Text;
using Microsoft.Data.Sqlite;

namespace OAuthPortal.Tests.Support;

/// <summary>The files of a test's SQLite database (main file, WAL, shared memory).</summary>
public static class DatabaseFiles
{
    private static readonly string[] Suffixes = ["", "-wal", "-shm"];

    /// <summary>True when <paramref name="text"/> appears, as UTF-8, anywhere in the database or its WAL.</summary>
    public static bool Contain(string databasePath, string text)
    {
        SqliteConnection.ClearAllPools();
        var needle = Encoding.UTF8.GetBytes(text);
        return Suffixes.Select(s => databasePath + s).Where(File.Exists).Any(path => File.ReadAllBytes(path).AsSpan().IndexOf(needle) >= 0);
    }

    public static void Delete(string databasePath)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in Suffixes)
        {
            try
            {
                File.Delete(databasePath + suffix);
            }
            catch (IOException)
            {
                // Best effort: a temp file left behind does not affect other tests (each has its own name).
            }
        }
    }
}
