using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Api;
using OAuthPortal.OAuth.Bearer;

namespace OAuthPortal.Pages.Api.Samples;

/// <summary>Sample: a Razor Page handler protected with <see cref="OAuthScopeAttribute"/> (JSON out, no antiforgery: bearer only).</summary>
[IgnoreAntiforgeryToken]
public sealed class SamplesPageModel : PageModel
{
    [OAuthScope(PortalApi.ProfileScope)]
    public IActionResult OnGet()
    {
        var token = HttpContext.GetOAuthAccessToken()!;
        return new JsonResult(new { style = "page", client_id = token.ClientId, scope = string.Join(' ', token.Scopes) });
    }
}
