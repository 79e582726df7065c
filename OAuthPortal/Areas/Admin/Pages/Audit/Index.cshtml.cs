using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using OAuthPortal.Data;
using OAuthPortal.Management;
using OAuthPortal.Management.Audit;

namespace OAuthPortal.Areas.Admin.Pages.Audit;

/// <summary>
/// /Admin/Audit: the append-only audit log, newest first, filtered by action, actor and a range of days (UTC), with the
/// users and clients it names linked; <c>?handler=Csv</c> exports the current filter as CSV.
/// </summary>
public sealed class IndexModel(AuditLog audit, TimeProvider clock) : AdminPageModel
{
    /// <summary>The most rows one CSV export holds (newest first); narrow the filter for older ones.</summary>
    public const int CsvLimit = 50_000;

    [BindProperty(SupportsGet = true, Name = "action")] public AuditAction? Action { get; set; }
    [BindProperty(SupportsGet = true, Name = "actor")] public new string? Actor { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public PagedList<AuditEvent> Result { get; private set; } = new([], 1, 0);

    /// <summary>The users the shown entries name, e-mail to id (for the links).</summary>
    public IReadOnlyDictionary<string, string> UserIds { get; private set; } = new Dictionary<string, string>();

    /// <summary>This page's filter as a CSV download.</summary>
    public string CsvUrl => QueryHelpers.AddQueryString(ListUrl("p"), "handler", "Csv");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await audit.SearchAsync(Search, PageNumber, cancellationToken);
        UserIds = await audit.UserIdsAsync(
            Result.Items.SelectMany(e => AuditText.Emails(e.Actor).Concat(AuditText.Emails(e.Target)).Concat(AuditText.Emails(e.Details))),
            cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var csv = AuditCsv.Write(await audit.ListAsync(Search, CsvLimit, cancellationToken));
        Response.Headers.CacheControl = "no-store";
        var name = $"audit-{clock.GetUtcNow():yyyyMMdd-HHmmss}.csv";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", name);
    }

    /// <summary>The filter: whole UTC days, <see cref="To"/> included.</summary>
    private AuditSearch Search => new(Action, Actor,
        From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        To is { } to && to < DateOnly.MaxValue ? to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null);
}
