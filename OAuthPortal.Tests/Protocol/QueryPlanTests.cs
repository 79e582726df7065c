using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OAuthPortal.Tests.Protocol.Token;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol;

/// <summary>
/// The hot paths do indexed lookups only: every SQL statement a bearer call, a code exchange, a refresh, an
/// introspection, a revocation, a client_credentials grant or a step of the device flow runs is checked with SQLite's EXPLAIN QUERY PLAN for table scans.
/// </summary>
public sealed partial class QueryPlanTests : IDisposable
{
    private readonly ListLoggerProvider _logs = new();
    private readonly PortalFactory _factory;

    public QueryPlanTests() =>
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

        AssertNoScans(("exchange", exchange), ("bearer", bearer), ("introspect", introspect), ("refresh", refresh), ("revoke", revoke));
        Assert.Single(bearer, sql => sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && sql.Contains("AccessTokens"));
    }

    [Fact]
    public async Task MachineAndDevicePaths_EveryStatement_UsesIndexesNotScans()
    {
        var owner = await TestUsers.CreateAsync(_factory);
        var user = await TestUsers.CreateAsync(_factory);
        var client = await TestClients.RegisterAsync(_factory, owner.Id);
        await MachineClients.AllowAsync(_factory, client.ClientId, MachineClients.ClientCredentials, MachineClients.DeviceCode, "refresh_token");
        await MachineClients.AddMachineScopesAsync(_factory, client.ClientId, await MachineClients.CreateScopeAsync(_factory));
        var http = _factory.CreateClient();

        var machine = await StatementsOfAsync(() => TokenEndpoint.TokenAsync(http,
            new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, TokenEndpoint.Basic(client.ClientId, client.ClientSecret!)));
        TokenEndpoint.Reply device = null!;
        var authorize = await StatementsOfAsync(async () => device = await DeviceFlow.AuthorizeAsync(http, client.ClientId, client.ClientSecret, "profile"));
        var pending = await StatementsOfAsync(() => DeviceFlow.PollAsync(http, client.ClientId, client.ClientSecret, device["device_code"]!));
        var approve = await StatementsOfAsync(() => DeviceFlow.ApproveAsync(_factory, device["user_code"]!, user.Id));
        var tokens = await StatementsOfAsync(() => DeviceFlow.PollAsync(http, client.ClientId, client.ClientSecret, device["device_code"]!));

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

    private async Task<List<string>> StatementsOfAsync(Func<Task> request)
    {
        _logs.Entries.Clear();
        await request();
        return _logs.Entries
            .Where(e => e.Category == "Microsoft.EntityFrameworkCore.Database.Command" && e.Message.StartsWith("Executed DbCommand", StringComparison.Ordinal))
            .Select(e => e.Message[(e.Message.IndexOf('\n') + 1)..])
            .Where(sql => !sql.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase))
            .ToList();
    }

    private List<string> Plan(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_factory.DatabasePath}");
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
