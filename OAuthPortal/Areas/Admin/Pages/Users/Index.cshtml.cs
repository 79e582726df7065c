using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Management;
using OAuthPortal.Management.Users;

namespace OAuthPortal.Areas.Admin.Pages.Users;

/// <summary>/Admin/Users: search users by e-mail.</summary>
public sealed class IndexModel(UserAdministration users) : AdminPageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public PagedList<UserListItem> Result { get; private set; } = new([], 1, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Result = await users.SearchAsync(Query, PageNumber, cancellationToken);
}
