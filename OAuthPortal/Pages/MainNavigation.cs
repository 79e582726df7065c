using Microsoft.AspNetCore.Mvc.Rendering;

namespace OAuthPortal.Pages;

/// <summary>
/// Which section of the main navigation the page being rendered belongs to, by its area and page path, so that the
/// layout marks that link <c>aria-current="page"</c> (and Bootstrap's <c>active</c>).
/// </summary>
public static class MainNavigation
{
    public const string Home = "home";
    public const string Apps = "apps";
    public const string Developer = "developer";
    public const string Admin = "admin";
    public const string Account = "account";

    public static string? SectionOf(string? area, string? page) => (area ?? "", page ?? "") switch
    {
        ("", "/Index") => Home,
        ("", var p) when p.StartsWith("/Account/Apps", StringComparison.Ordinal) => Apps,
        ("Developer", _) => Developer,
        ("Admin", _) => Admin,
        ("Identity", var p) when p.StartsWith("/Account/Manage", StringComparison.Ordinal) => Account,
        _ => null,
    };

    /// <summary><c>"page"</c> when the rendered page is in <paramref name="section"/>, else null (Razor then omits the attribute).</summary>
    public static string? AriaCurrent(ViewContext context, string section) =>
        SectionOf(context.RouteData.Values["area"] as string, context.RouteData.Values["page"] as string) == section ? "page" : null;

    /// <summary>The nav-link classes, with <c>active</c> for the current section.</summary>
    public static string LinkClass(ViewContext context, string section) =>
        AriaCurrent(context, section) is null ? "nav-link" : "nav-link active";
}
