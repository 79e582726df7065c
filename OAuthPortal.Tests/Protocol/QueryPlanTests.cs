using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol;

/// <summary>
/// The hot paths do indexed lookups only: every SQL statement a bearer call, a code exchange, a refresh, an
/// introspection, a revocation, a client_credentials grant or a step of the device flow runs is checked with SQLite's EXPLAIN QUERY PLAN for table scans.
/// </summary>
public sealed partial class QueryPlanTests : IDisposable
{
    private readonly HotPathStatements _statements = new();

    public void Dispose() => _statements.Dispose();

    [Fact]
    public async Task HotPaths_EveryStatement_UsesIndexesNotScans()
    {
        var paths = await _statements.OfTokenPathsAsync();

        AssertNoScans([.. paths]);
        Assert.Single(paths.Single(p => p.Name == "bearer").Statements,
            sql => sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && sql.Contains("AccessTokens"));
    }

    [Fact]
    public async Task MachineAndDevicePaths_EveryStatement_UsesIndexesNotScans()
    {
        var owner = await TestUsers.CreateAsync(_statements.Factory);
        var user = await TestUsers.CreateAsync(_statements.Factory);
        var client = await TestClients.RegisterAsync(_statements.Factory, owner.Id);
        await MachineClients.AllowAsync(_statements.Factory, client.ClientId, MachineClients.ClientCredentials, MachineClients.DeviceCode, "refresh_token");
        await MachineClients.AddMachineScopesAsync(_statements.Factory, client.ClientId, await MachineClients.CreateScopeAsync(_statements.Factory));
        var http = _statements.Factory.CreateClient();

        var machine = await _statements.OfAsync(() => TokenEndpoint.TokenAsync(http,
            new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, TokenEndpoint.Basic(client.ClientId, client.ClientSecret!)));
        TokenEndpoint.Reply device = null!;
        var authorize = await _statements.OfAsync(async () => device = await DeviceFlow.AuthorizeAsync(http, client.ClientId, client.ClientSecret, "profile"));
        var pending = await _statements.OfAsync(() => DeviceFlow.PollAsync(http, client.ClientId, client.ClientSecret, device["device_code"]!));
        var approve = await _statements.OfAsync(() => DeviceFlow.ApproveAsync(_statements.Factory, device["user_code"]!, user.Id));
        var tokens = await _statements.OfAsync(() => DeviceFlow.PollAsync(http, client.ClientId, client.ClientSecret, device["device_code"]!));

        AssertNoScans(("client_credentials", machine), ("device authorization", authorize), ("pending poll", pending), ("approval", approve), ("device tokens", tokens));
    }

    private void AssertNoScans(params (string Name, List<string> Statements)[] paths)
    {
        foreach (var (name, statements) in paths)
        {
            Assert.True(statements.Count > 0, $"{name}: no SQL was captured");
            foreach (var sql in statements)
            {
                var scans = Plan(sql).Where(step => step.StartsWith("SCAN", StringComparison.Ordinal) && step != "SCAN CONSTANT ROW").ToList();
                Assert.True(scans.Count == 0, $"{name} scans a table: {string.Join("; ", scans)}\n{sql}");
            }
        }
    }

    private List<string> Plan(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_statements.Factory.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in Parameter().Matches(sql).Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, 0);
        }

        var steps = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Parameter();
}
