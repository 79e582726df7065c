using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management.Audit;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>/Admin/Audit: readable labels, links to the users and clients an entry names, a range of days, CSV export.</summary>
public sealed class AuditLogPageTests
{
    private static Task AddAsync(PortalFactory factory, params AuditEvent[] entries) => factory.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<PortalDbContext>();
        db.AuditEvents.AddRange(entries);
        await db.SaveChangesAsync();
    });

    private static AuditEvent Entry(DateTime at, string actor, string target = "scope:x", string details = "", AuditAction action = AuditAction.ScopeEdited) =>
        new() { OccurredAt = at, Actor = actor, Action = action, Target = target, Details = details };

    [Fact]
    public void Labels_EveryAction_HasItsOwnReadableLabel()
    {
        var actions = Enum.GetValues<AuditAction>();

        var labels = actions.Select(AuditLabels.Label).ToList();

        Assert.All(actions.Zip(labels), pair => Assert.NotEqual(pair.First.ToString(), pair.Second));
        Assert.Equal(labels.Count, labels.Distinct().Count());
    }

    [Fact]
    public async Task AuditPage_Entries_ShowLabelsAndLinkTheUserAndClientTheyName()
    {
        using var factory = new PortalFactory();
        var (admin, adminEmail) = await AdminUi.AdminAsync(factory);
        var user = await TestUsers.CreateAsync(factory);
        await AddAsync(factory, Entry(PortalFactory.Start.UtcDateTime, adminEmail, $"user:{user.Email}", "because; client:abc-123", AuditAction.UserLocked));

        var (_, page) = await Html.GetPageAsync(admin, "/Admin/Audit?action=UserLocked");

        var row = Assert.Single(page.QuerySelectorAll("[data-test=audit-row]"));
        Assert.Equal("User locked by an admin", row.QuerySelector("[data-test=audit-label]")!.TextContent);
        Assert.Equal($"/Admin/Users/Details/{user.Id}", row.QuerySelector<IHtmlAnchorElement>("[data-test=audit-target] [data-test=user-link]")!.GetAttribute("href"));
        Assert.Equal("/Admin/Clients/Details/abc-123", row.QuerySelector<IHtmlAnchorElement>("[data-test=audit-details] [data-test=client-link]")!.GetAttribute("href"));
        Assert.NotNull(row.QuerySelector("[data-test=audit-actor] a[data-test=user-link]"));
        Assert.Equal($"user:{user.Email}", row.QuerySelector("[data-test=audit-target]")!.TextContent);
    }

    [Fact]
    public async Task AuditPage_AUserNoLongerThere_StaysTextAndMarkupIsEncoded()
    {
        using var factory = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(factory);
        await AddAsync(factory, Entry(PortalFactory.Start.UtcDateTime, "anonymous", "user:gone@example.test", "<script>x</script>", AuditAction.UserDeleted));

        var (response, page) = await Html.GetPageAsync(admin, "/Admin/Audit?action=UserDeleted");

        var row = Assert.Single(page.QuerySelectorAll("[data-test=audit-row]"));
        Assert.Null(row.QuerySelector("[data-test=user-link]"));
        Assert.Equal("<script>x</script>", row.QuerySelector("[data-test=audit-details]")!.TextContent);
        Assert.DoesNotContain("<script>x</script>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AuditPage_FromAndTo_KeepWholeUtcDaysBothIncluded()
    {
        using var factory = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var day = new DateTime(2025, 3, 10, 0, 0, 0, DateTimeKind.Utc);
        await AddAsync(factory,
            Entry(day.AddSeconds(-1), "range-test", "scope:before"), Entry(day, "range-test", "scope:first"),
            Entry(day.AddDays(1).AddHours(23), "range-test", "scope:last"), Entry(day.AddDays(2), "range-test", "scope:after"));

        var (_, page) = await Html.GetPageAsync(admin, "/Admin/Audit?actor=range-test&from=2025-03-10&to=2025-03-11");
        var (_, fromOnly) = await Html.GetPageAsync(admin, "/Admin/Audit?actor=range-test&from=2025-03-11");

        Assert.Equal(["scope:last", "scope:first"], page.QuerySelectorAll("[data-test=audit-target]").Select(t => t.TextContent));
        Assert.Equal(["scope:after", "scope:last"], fromOnly.QuerySelectorAll("[data-test=audit-target]").Select(t => t.TextContent));
        Assert.Equal("2025-03-10", page.QuerySelector<IHtmlInputElement>("[data-test=filter-from]")!.Value);
    }

    [Theory]
    [InlineData("from=not-a-date")]
    [InlineData("to=9999-12-31")]
    [InlineData("from=0001-01-01&to=0001-01-01")]
    [InlineData("to=2025-13-45&handler=Csv")]
    public async Task AuditPage_OddDates_NeverFail(string query)
    {
        using var factory = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(factory);

        Html.AssertStatus(HttpStatusCode.OK, await admin.GetAsync("/Admin/Audit?" + query));
    }

    [Fact]
    public async Task Csv_CurrentFilter_IsExportedQuotedAndDefusedAgainstFormulas()
    {
        using var factory = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(factory);
        await AddAsync(factory,
            Entry(new DateTime(2025, 3, 10, 8, 30, 0, DateTimeKind.Utc), "csv-test", "=HYPERLINK(\"http://evil\")", "a, \"quoted\"\nline"),
            Entry(new DateTime(2025, 3, 10, 9, 0, 0, DateTimeKind.Utc), "csv-test", "@SUM(A1)", "+1"),
            Entry(new DateTime(2025, 3, 10, 9, 0, 0, DateTimeKind.Utc), "someone-else", "scope:x"));
        var (_, page) = await Html.GetPageAsync(admin, "/Admin/Audit?actor=csv-test");

        var response = await admin.GetAsync(page.QuerySelector<IHtmlAnchorElement>("[data-test=export-csv]")!.GetAttribute("href"));
        var csv = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(
            "time_utc,actor,action,label,target,details,ip_address\r\n" +
            "2025-03-10T09:00:00Z,csv-test,ScopeEdited,Scope edited,'@SUM(A1),'+1,\r\n" +
            "2025-03-10T08:30:00Z,csv-test,ScopeEdited,Scope edited,\"'=HYPERLINK(\"\"http://evil\"\")\",\"a, \"\"quoted\"\"\nline\",\r\n",
            csv);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("-2", "'-2")]
    [InlineData("+2", "'+2")]
    [InlineData("@x", "'@x")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("", "")]
    public void CsvCell_Value_IsDefusedAndQuoted(string value, string expected)
    {
        Assert.Equal(expected, AuditCsv.Cell(value));
    }
}
