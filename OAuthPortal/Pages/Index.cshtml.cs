using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OAuthPortal.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
