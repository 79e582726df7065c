using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OAuthPortal.Areas.Admin.Pages;

/// <summary>Placeholder until the admin-area issue: says what is coming, shows no data.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
