using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Management;
using OAuthPortal.Management.Tokens;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Tokens;

/// <summary>/Admin/Tokens: search by user, client, scope, status and holder (users' or machine tokens); revoke one, all of a user, all of a client.</summary>
public sealed class IndexModel(TokenAdministration tokens, UserManager<PortalUser> users) : AdminPageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public new string? User { get; set; }
    [BindProperty(SupportsGet = true, Name = "client")] public string? Client { get; set; }
    [BindProperty(SupportsGet = true, Name = "scope")] public string? Scope { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public TokenStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "holder")] public TokenHolder? Holder { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    /// <summary>One user exactly, by id (the link from a user's details page); the e-mail filter matches parts.</summary>
    [BindProperty(SupportsGet = true, Name = "userId")] public string? UserId { get; set; }

    public PagedList<TokenListItem> Result { get; private set; } = new([], 1, 0);

    public IReadOnlyList<TokenRow> Rows => Result.Items.Select(TokenRow.From).ToList();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Result = await tokens.SearchAsync(new TokenSearch(User, Client, Scope, Status, UserId, Holder), PageNumber, cancellationToken);

    /// <summary>The URL of a POST handler of this page, keeping the current search.</summary>
    public string ActionUrl(string handler) =>
        QueryHelpers.AddQueryString(Request.Path + Request.QueryString, "handler", handler);

    public async Task<IActionResult> OnPostRevokeAsync(long tokenId, CancellationToken cancellationToken)
    {
        var revoked = await tokens.RevokeAsync(tokenId, Actor, TokenRevocationReason.RevokedByAdmin, cancellationToken);
        TempData.SetStatus(revoked ? StatusKind.Success : StatusKind.Warning, revoked ? $"Token {tokenId} revoked." : "That token was already revoked or is gone.");
        return BackToList();
    }

    public async Task<IActionResult> OnPostRevokeUserAsync(string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            TempData.SetStatus(StatusKind.Error, $"No user has the e-mail address '{Echo(email)}'.");
            return BackToList();
        }

        var count = await tokens.RevokeAllOfUserAsync(user.Id, user.Email!, Actor, cancellationToken);
        TempData.SetStatus(StatusKind.Success, $"Revoked {count} token(s) of {user.Email}.");
        return BackToList();
    }

    public async Task<IActionResult> OnPostRevokeClientAsync(string? clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            TempData.SetStatus(StatusKind.Error, "Give the client_id of the client whose tokens to revoke.");
            return BackToList();
        }

        var count = await tokens.RevokeAllOfClientAsync(clientId.Trim(), Actor, cancellationToken);
        TempData.SetStatus(StatusKind.Success, $"Revoked {count} token(s) of client {Echo(clientId.Trim())}.");
        return BackToList();
    }

    /// <summary>User input repeated in a status message (kept in a cookie): short, so a huge value cannot bloat every later request.</summary>
    private static string Echo(string? value) => value is null ? "" : value.Length <= 100 ? value : value[..100] + "…";
}
