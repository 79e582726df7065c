using System.Text.Json;
using OAuthPortal.Cli;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

/// <summary><c>audit list</c>, and the <c>--since</c> forms it reads.</summary>
public sealed class AuditCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AuditList_ActionJson_ListsTheCommandsChangesNewestFirst()
    {
        var first = Unique.Name("audited");
        var second = Unique.Name("audited");
        await CliRunner.RunAsync(factory, "scopes", "create", "--name", first, "--description", "One");
        await CliRunner.RunAsync(factory, "scopes", "create", "--name", second, "--description", "Two");

        var run = await CliRunner.RunAsync(factory, "audit", "list", "--action", "scopecreated", "--json");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        var entries = JsonSerializer.Deserialize<JsonElement>(run.Output).EnumerateArray().ToList();
        Assert.All(entries, e => Assert.Equal("ScopeCreated", e.GetProperty("action").GetString()));
        string[] targets = [$"scope:{first}", $"scope:{second}"];
        var ours = entries.Where(e => targets.Contains(e.GetProperty("target").GetString())).ToList();
        Assert.Equal([$"scope:{second}", $"scope:{first}"], ours.Select(e => e.GetProperty("target").GetString()));
        Assert.All(ours, e =>
        {
            Assert.Equal("cli", e.GetProperty("actor").GetString());
            Assert.True(e.GetProperty("id").GetInt64() > 0);
            Assert.Equal(JsonValueKind.String, e.GetProperty("occurred_at").ValueKind);
            Assert.Equal(JsonValueKind.Null, e.GetProperty("ip_address").ValueKind);
        });
    }

    [Fact]
    public async Task AuditList_Since_KeepsOnlyEntriesFromThatTimeOn()
    {
        using var fresh = new PortalFactory();
        var name = Unique.Name("old");
        await CliRunner.RunAsync(fresh, "scopes", "create", "--name", name, "--description", "Made at the start");
        fresh.Clock.Advance(TimeSpan.FromDays(3));

        var lastDay = await CliRunner.RunAsync(fresh, "audit", "list", "--since", "24h", "--action", "ScopeCreated");
        var lastWeek = await CliRunner.RunAsync(fresh, "audit", "list", "--since", "7d", "--action", "ScopeCreated");
        var fromDate = await CliRunner.RunAsync(fresh, "audit", "list", "--since", PortalFactory.Start.ToString("yyyy-MM-dd"), "--action", "ScopeCreated");

        Assert.Equal((0, "No audit entries match."), (lastDay.ExitCode, lastDay.Output.Trim()));
        Assert.Matches($@"(?m)^\S+ \S+\s+cli\s+ScopeCreated\s+scope:{name}", lastWeek.Output);
        Assert.Matches(@"^WHEN \(UTC\)\s+ACTOR\s+ACTION\s+TARGET\s+DETAILS", lastWeek.Output);
        Assert.Contains($"scope:{name}", fromDate.Output);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("01/02/2026")]
    [InlineData("24x")]
    [InlineData("2026-13-45")]
    [InlineData("-7d")]
    public async Task AuditList_InvalidSince_FailsWithOneLine(string since)
    {
        var run = await CliRunner.RunAsync(factory, "audit", "list", "--since", since);

        CliRunner.AssertOneLineError(run, $"--since: '{since}' is neither an ISO 8601 date or time");
    }

    [Theory]
    [InlineData("NoSuchAction")]
    [InlineData("7")]
    public async Task AuditList_UnknownAction_FailsWithOneLineListingTheActions(string action)
    {
        var run = await CliRunner.RunAsync(factory, "audit", "list", "--action", action);

        CliRunner.AssertOneLineError(run, $"--action: unknown action '{action}'; one of ClientCreated, ");
    }

    [Theory]
    [InlineData("30m", "2026-03-10T11:30:00")]
    [InlineData("24h", "2026-03-09T12:00:00")]
    [InlineData("7d", "2026-03-03T12:00:00")]
    [InlineData("2w", "2026-02-24T12:00:00")]
    [InlineData("2026-03-01", "2026-03-01T00:00:00")]
    [InlineData("2026-03-01T08:30:00Z", "2026-03-01T08:30:00")]
    [InlineData("2026-03-01T08:30:00+02:00", "2026-03-01T06:30:00")]
    public void ParseSince_IsoOrRelative_GivesTheUtcTime(string text, string expected)
    {
        var since = AuditListCommand.ParseSince(text, Now, "--since");

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), since);
        Assert.Equal(DateTimeKind.Utc, since!.Value.Kind);
    }

    [Fact]
    public void ParseSince_MoreThanACenturyBack_IsRefused()
    {
        var error = Assert.Throws<CliException>(() => AuditListCommand.ParseSince("999999w", Now, "--since"));

        Assert.Contains("more than 100 years", error.Message);
    }
}
