using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Developer.Pages;

/// <summary>The signed-in developer: every page here acts on the clients and initial access tokens this user owns, and only those.</summary>
public abstract class DeveloperPageModel : PageModel
{
    private const string NoHandler = "NoHandler";

    protected string OwnerId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>Who acts, as the audit log names people: their e-mail (the user name).</summary>
    protected string Actor => User.Identity?.Name ?? OwnerId;

    /// <summary>A request no handler of the page takes (a POST to a view-only page, a PUT) is a 404, never a half-built page.</summary>
    public override void OnPageHandlerSelected(PageHandlerSelectedContext context) =>
        context.HandlerMethod ??= context.ActionDescriptor.HandlerMethods.First(h => h.Name == NoHandler);

    public IActionResult OnGetNoHandler() => NotFound();

    /// <summary>The question asked before an action (a GET of its handler); the page shows it instead of its content.</summary>
    public Confirmation? Confirmation { get; private set; }

    /// <summary>Shows <paramref name="confirmation"/>: nothing changes until its Confirm button posts.</summary>
    protected PageResult Ask(Confirmation confirmation)
    {
        Confirmation = confirmation;
        ViewData["Title"] = confirmation.Title; // the layout's <title>: a partial's ViewData does not flow back
        return Page();
    }

    /// <summary>TempData key of the handle to the secret shown once on the secret page (see <see cref="Management.OneTimeSecrets"/>).</summary>
    public static string SecretKey(string clientId) => $"Developer.Secret.{clientId}";

    /// <summary>TempData key of the handle to a new initial access token, shown once (see <see cref="Management.OneTimeSecrets"/>).</summary>
    public static string RegistrationTokenKey(long id) => $"Developer.RegistrationToken.{id}";
}
