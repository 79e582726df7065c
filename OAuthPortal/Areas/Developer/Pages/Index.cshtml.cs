using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OAuthPortal.Areas.Developer.Pages;

/// <summary>Placeholder until the developer-area issue: says what is coming, shows no data.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
