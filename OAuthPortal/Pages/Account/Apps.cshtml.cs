using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OAuthPortal.Pages.Account;

/// <summary>Placeholder until the "My apps" issue: says what is coming, shows no data.</summary>
public sealed class AppsModel : PageModel
{
    public void OnGet()
    {
    }
}
