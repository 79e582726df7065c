using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages;

/// <summary>An admin page (the Admin role is required by convention for the whole area).</summary>
public abstract class AdminPageModel : PageModel
{
    private const string NoHandler = "NoHandler";

    /// <summary>Who acts, as the audit log names people: the admin's e-mail.</summary>
    protected string Actor => User.Identity?.Name ?? "admin";

    /// <summary>A request no handler of the page takes is a 404, never a half-built page.</summary>
    public override void OnPageHandlerSelected(PageHandlerSelectedContext context) =>
        context.HandlerMethod ??= context.ActionDescriptor.HandlerMethods.First(h => h.Name == NoHandler);

    public IActionResult OnGetNoHandler() => NotFound();

    /// <summary>The current URL with another page number (filters kept).</summary>
    public string PageUrl(int page)
    {
        var query = QueryHelpers.ParseQuery(Request.QueryString.Value).ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["p"] = page.ToString(CultureInfo.InvariantCulture);
        query.Remove("handler");
        return QueryHelpers.AddQueryString(Request.Path, query);
    }

    /// <summary>The question asked before an action (a GET of its handler); the page shows it instead of its content.</summary>
    public Confirmation? Confirmation { get; private set; }

    /// <summary>Shows <paramref name="confirmation"/>: nothing changes until its Confirm button posts.</summary>
    protected PageResult Ask(Confirmation confirmation)
    {
        Confirmation = confirmation;
        ViewData["Title"] = confirmation.Title; // the layout's <title>: a partial's ViewData does not flow back
        return Page();
    }

    /// <summary>Back to the page the action came from, filters kept (Post/Redirect/Get).</summary>
    protected RedirectResult BackToList(params string[] actionFields) => Redirect(ListUrl(actionFields));

    /// <summary>The current URL without the handler and the action's own fields: the page an action started from.</summary>
    protected string ListUrl(params string[] actionFields)
    {
        var kept = QueryHelpers.ParseQuery(Request.QueryString.Value).Where(q => q.Key != "handler" && !actionFields.Contains(q.Key))
            .ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        return QueryHelpers.AddQueryString(Request.PathBase + Request.Path, kept);
    }
}
