using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol;

/// <summary>
/// On PostgreSQL the hot paths find their rows through indexes: every statement a code exchange, a bearer call, an
/// introspection, a refresh, a revocation and an e-mail lookup run is planned by the server (its generic plan, with
/// sequential scans discouraged, so that an empty table's cheap scan does not hide a missing index) and must not scan.
/// </summary>
public sealed partial class PostgreSqlQueryPlanTests : IDisposable
{
    private readonly HotPathStatements _statements = new();

    public void Dispose() => _statements.Dispose();

    [Fact]
    public async Task HotPaths_EveryStatement_UsesIndexesNotScans()
    {
        var paths = await _statements.OfTokenPathsAsync();
        var email = await _statements.OfAsync(() => _statements.Factory.WithScopeAsync(s =>
            s.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("Someone@Example.TEST")));

        await AssertNoScansAsync([.. paths, ("e-mail lookup", email)]);
        Assert.Contains(email, sql => sql.Contains("\"NormalizedEmail\" = ", StringComparison.Ordinal));
    }

    private async Task AssertNoScansAsync(params (string Name, List<string> Statements)[] paths)
    {
        await using var connection = new NpgsqlConnection(_statements.Factory.Database!.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "SET enable_seqscan = off; SET plan_cache_mode = force_generic_plan");
        foreach (var (name, statements) in paths)
        {
            Assert.True(statements.Count > 0, $"{name}: no SQL was captured");
            foreach (var sql in statements.SelectMany(Split))
            {
                var plan = await PlanAsync(connection, sql);
                Assert.False(plan.Contains("Seq Scan", StringComparison.Ordinal), $"{name} scans a table:\n{plan}\n{sql}");
            }
        }
    }

    /// <summary>The generic plan of <paramref name="sql"/>, its parameters' types inferred by the server (PREPARE).</summary>
    private static async Task<string> PlanAsync(NpgsqlConnection connection, string sql)
    {
        var names = Parameter().Matches(sql).Select(m => m.Value).Distinct().ToList();
        var positional = Parameter().Replace(sql, m => "$" + (names.IndexOf(m.Value) + 1));
        await ExecuteAsync(connection, "DEALLOCATE ALL");
        await ExecuteAsync(connection, "PREPARE planned AS " + positional);
        var arguments = names.Count == 0 ? "" : "(" + string.Join(", ", names.Select(_ => "NULL")) + ")";
        await using var explain = new NpgsqlCommand("EXPLAIN EXECUTE planned" + arguments, connection);
        await using var reader = await explain.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("\n", lines);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>EF Core batches several statements in one command; each is planned on its own.</summary>
    private static IEnumerable<string> Split(string batch) =>
        batch.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.TrimEnd(';'))
            .Where(s => s.Length > 0 && !s.StartsWith("START TRANSACTION", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Parameter();
}
