using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OAuthPortal.Areas.Developer.Pages;

/// <summary>/Developer: the developer area starts at the list of the user's clients.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Clients/Index", new { area = "Developer" });
}
