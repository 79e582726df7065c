using Microsoft.AspNetCore.Mvc.Rendering;

namespace OAuthPortal.Areas.Admin.Pages;

/// <summary>
/// The admin console's own navigation (<c>Shared/_AdminLayout.cshtml</c>, on every admin page): its sections, and which
/// one the page being rendered belongs to (by the first folder of its page path), marked <c>aria-current="page"</c>.
/// </summary>
public static class AdminNavigation
{
    /// <summary>One entry: its label, the page it opens, and its <c>data-test</c> name.</summary>
    public sealed record Section(string Label, string Page, string Test);

    public static readonly IReadOnlyList<Section> Sections =
    [
        new("Dashboard", "/Index", "admin-nav-dashboard"),
        new("Users", "/Users/Index", "admin-nav-users"),
        new("Clients", "/Clients/Index", "admin-nav-clients"),
        new("Tokens", "/Tokens/Index", "admin-nav-tokens"),
        new("Scopes", "/Scopes/Index", "admin-nav-scopes"),
        new("Resources", "/Resources/Index", "admin-nav-resources"),
        new("Signing keys", "/Keys/Index", "admin-nav-keys"),
        new("Audit log", "/Audit/Index", "admin-nav-audit"),
        new("Security posture", "/Security/Index", "admin-nav-security"),
    ];

    /// <summary>The section a page path belongs to: "/Users/Details" is in Users, "/Index" is the dashboard.</summary>
    public static Section? SectionOf(string? page)
    {
        var folder = page?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var first, _, ..] ? first : null;
        return Sections.FirstOrDefault(s => folder is null ? s.Page == page : s.Page.StartsWith($"/{folder}/", StringComparison.Ordinal));
    }

    /// <summary><c>"page"</c> for the current section's link, else null (Razor then omits the attribute).</summary>
    public static string? AriaCurrent(ViewContext context, Section section) =>
        SectionOf(context.RouteData.Values["page"] as string) == section ? "page" : null;
}
