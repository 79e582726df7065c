using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OAuthPortal.Areas.Developer.Pages;

/// <summary>The signed-in developer: every page here acts on the clients this user owns, and only those.</summary>
public abstract class DeveloperPageModel : PageModel
{
    protected string OwnerId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>TempData key of the secret shown once on the secret page after creation or rotation.</summary>
    public static string SecretKey(string clientId) => $"Developer.Secret.{clientId}";
}
