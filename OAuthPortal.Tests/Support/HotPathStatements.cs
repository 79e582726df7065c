using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OAuthPortal.Tests.Protocol.Token;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// The SQL statements of each hot path (code exchange, bearer call, introspection, refresh, revocation), as EF Core
/// logs them, for the query-plan tests of each provider.
/// </summary>
public sealed class HotPathStatements : IDisposable
{
    private readonly ListLoggerProvider _logs = new();

    public HotPathStatements() =>
        Factory = PortalFactory.With(
            new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information" },
            configureServices: services => services.AddSingleton<ILoggerProvider>(_logs));

    /// <summary>The portal whose statements are captured.</summary>
    public PortalFactory Factory { get; }

    public void Dispose() => Factory.Dispose();

    /// <summary>Each path's name and statements; the bearer call is named "bearer".</summary>
    public async Task<List<(string Name, List<string> Statements)>> OfTokenPathsAsync()
    {
        var scenario = await OAuthScenario.CreateAsync(Factory, scopeCount: 2, sharedScopes: ["profile"]);
        var http = Factory.CreateClient();
        var basic = TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);

        var exchange = await OfAsync(() => TokenEndpoint.TokenAsync(http, TokenEndpoint.CodeForm(scenario, code)));
        var tokens = await TokenEndpoint.TokenAsync(http, TokenEndpoint.CodeForm(scenario, await TokenEndpoint.AuthorizeAsync(scenario, ("prompt", "consent"))));
        var bearer = await OfAsync(() => ApiCalls.GetAsync(http, "/api/me", tokens["access_token"]));
        var introspect = await OfAsync(() => TokenEndpoint.PostAsync(http, "/oauth2/introspect",
            new Dictionary<string, string> { ["token"] = tokens["access_token"]! }, basic));
        var refresh = await OfAsync(() => TokenEndpoint.TokenAsync(http, AuthorizationCodeGrantTests.RefreshForm(scenario, tokens["refresh_token"]!)));
        var revoke = await OfAsync(() => TokenEndpoint.PostAsync(http, "/oauth2/revoke",
            new Dictionary<string, string> { ["token"] = tokens["access_token"]! }, basic));
        return [("exchange", exchange), ("bearer", bearer), ("introspect", introspect), ("refresh", refresh), ("revoke", revoke)];
    }

    /// <summary>The statements <paramref name="request"/> runs.</summary>
    public async Task<List<string>> OfAsync(Func<Task> request)
    {
        _logs.Entries.Clear();
        await request();
        return _logs.Entries
            .Where(e => e.Category == "Microsoft.EntityFrameworkCore.Database.Command" && e.Message.StartsWith("Executed DbCommand", StringComparison.Ordinal))
            .Select(e => e.Message[(e.Message.IndexOf('\n') + 1)..])
            .Where(sql => !sql.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase))
            .ToList();
    }
}
