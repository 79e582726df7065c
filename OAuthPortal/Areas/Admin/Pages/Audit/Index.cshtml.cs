using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Data;
using OAuthPortal.Management;
using OAuthPortal.Management.Audit;

namespace OAuthPortal.Areas.Admin.Pages.Audit;

/// <summary>/Admin/Audit: the append-only audit log, newest first, filtered by action and actor.</summary>
public sealed class IndexModel(AuditLog audit) : AdminPageModel
{
    [BindProperty(SupportsGet = true, Name = "action")] public AuditAction? Action { get; set; }
    [BindProperty(SupportsGet = true, Name = "actor")] public new string? Actor { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public PagedList<AuditEvent> Result { get; private set; } = new([], 1, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Result = await audit.SearchAsync(Action, Actor, PageNumber, cancellationToken);
}
