using OAuthPortal.Data;
using OAuthPortal.Management.Audit;

namespace OAuthPortal.Areas.Admin.Pages;

/// <summary>/Admin: counts, tokens issued per day, recent security events.</summary>
public sealed class IndexModel(Dashboard dashboard, AuditLog audit) : AdminPageModel
{
    public DashboardFigures Figures { get; private set; } = default!;

    public IReadOnlyList<AuditEvent> SecurityEvents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Figures = await dashboard.ComputeAsync(14, cancellationToken);
        SecurityEvents = await audit.RecentSecurityEventsAsync(10, cancellationToken);
    }
}
