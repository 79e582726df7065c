using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OAuthPortal.Data;
using OAuthPortal.Tests.Protocol.Token;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol;

/// <summary>
/// On PostgreSQL the hot paths find their rows through indexes: every statement a code exchange, a bearer call, an
/// introspection, a refresh, a revocation and an e-mail lookup run is planned by the server (its generic plan, with
/// sequential scans discouraged, so that an empty table's cheap scan does not hide a missing index) and must not scan.
/// </summary>
public sealed partial class PostgreSqlQueryPlanTests : IDisposable
{
    private readonly ListLoggerProvider _logs = new();
    private readonly PortalFactory _factory;

    public PostgreSqlQueryPlanTests() =>
        _factory = PortalFactory.With(
            new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information" },
            configureServices: services => services.AddSingleton<ILoggerProvider>(_logs));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task HotPaths_EveryStatement_UsesIndexesNotScans()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory, scopeCount: 2, sharedScopes: ["profile"]);
        var http = _factory.CreateClient();
        var basic = TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);

        var exchange = await StatementsOfAsync(() => TokenEndpoint.TokenAsync(http, TokenEndpoint.CodeForm(scenario, code)));
        var tokens = await TokenEndpoint.TokenAsync(http, TokenEndpoint.CodeForm(scenario, await TokenEndpoint.AuthorizeAsync(scenario, ("prompt", "consent"))));
        var bearer = await StatementsOfAsync(() => ApiCalls.GetAsync(http, "/api/me", tokens["access_token"]));
        var introspect = await StatementsOfAsync(() => TokenEndpoint.PostAsync(http, "/oauth2/introspect",
            new Dictionary<string, string> { ["token"] = tokens["access_token"]! }, basic));
        var refresh = await StatementsOfAsync(() => TokenEndpoint.TokenAsync(http, AuthorizationCodeGrantTests.RefreshForm(scenario, tokens["refresh_token"]!)));
        var revoke = await StatementsOfAsync(() => TokenEndpoint.PostAsync(http, "/oauth2/revoke",
            new Dictionary<string, string> { ["token"] = tokens["access_token"]! }, basic));
        var email = await StatementsOfAsync(() => _factory.WithScopeAsync(s =>
            s.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("Someone@Example.TEST")));

        await AssertNoScansAsync(("exchange", exchange), ("bearer", bearer), ("introspect", introspect), ("refresh", refresh), ("revoke", revoke), ("e-mail lookup", email));
        Assert.Contains(email, sql => sql.Contains("\"NormalizedEmail\" = ", StringComparison.Ordinal));
    }

    private async Task AssertNoScansAsync(params (string Name, List<string> Statements)[] paths)
    {
        await using var connection = new NpgsqlConnection(_factory.Database!.ConnectionString);
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

    private async Task<List<string>> StatementsOfAsync(Func<Task> request)
    {
        _logs.Entries.Clear();
        await request();
        return _logs.Entries
            .Where(e => e.Category == "Microsoft.EntityFrameworkCore.Database.Command" && e.Message.StartsWith("Executed DbCommand", StringComparison.Ordinal))
            .Select(e => e.Message[(e.Message.IndexOf('\n') + 1)..])
            .ToList();
    }

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Parameter();
}
