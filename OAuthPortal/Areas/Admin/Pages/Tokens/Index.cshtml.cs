using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Management;
using OAuthPortal.Management.Tokens;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Tokens;

/// <summary>
/// /Admin/Tokens: search by user, client, scope, status and holder (users' or machine tokens); revoke one, all of a user,
/// all of a client. Each revocation asks first (a GET of its handler, with what and how many), then its POST does it.
/// </summary>
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

    public async Task<IActionResult> OnGetRevokeAsync(long tokenId, CancellationToken cancellationToken)
    {
        if (await tokens.FindAsync(tokenId, cancellationToken) is not { Status: TokenStatus.Active } token)
        {
            TempData.SetStatus(StatusKind.Warning, "That token was already revoked, has expired or is gone.");
            return BackToList(TokenIdField);
        }

        var holder = token.UserId is null ? $"the client {token.ClientName} itself (a machine token)" : token.UserEmail ?? token.UserId;
        return Ask(new Confirmation($"Revoke token {token.Id}?",
            [$"The token {token.Id} of {holder}, held by {token.ClientName} ({token.ClientId}) with the scopes {token.Scopes}, stops working at once: access and refresh token alike.",
             "Other tokens of the same user and client stay as they are."],
            "Revoke the token", ListUrl(TokenIdField)));
    }

    public async Task<IActionResult> OnGetRevokeUserAsync(string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            TempData.SetStatus(StatusKind.Error, $"No user has the e-mail address '{Echo(email)}'.");
            return BackToList(EmailField);
        }

        var active = await tokens.CountActiveAsync(new TokenSearch(UserId: user.Id), cancellationToken);
        return Ask(new Confirmation($"Revoke every token of {user.Email}?",
            [$"Revokes {Plural(active)} of {user.Email}, with their pending authorization codes: every app loses access at once.",
             "Their sign-in sessions and remembered consents stay: an app may ask again."],
            "Revoke all", ListUrl(EmailField), Fields: new Dictionary<string, string> { [EmailField] = user.Email! }));
    }

    public async Task<IActionResult> OnGetRevokeClientAsync(string? clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            TempData.SetStatus(StatusKind.Error, "Give the client_id of the client whose tokens to revoke.");
            return BackToList(ClientIdField);
        }

        var id = clientId.Trim();
        var active = await tokens.CountActiveAsync(new TokenSearch { ClientId = id }, cancellationToken);
        return Ask(new Confirmation($"Revoke every token of the client {Echo(id)}?",
            [$"Revokes {Plural(active)} of the client {Echo(id)}, machine tokens included, with its pending authorization codes and device codes.",
             "The client can get new tokens as before: disable it to stop that."],
            "Revoke all", ListUrl(ClientIdField), Fields: new Dictionary<string, string> { [ClientIdField] = id }));
    }

    public async Task<IActionResult> OnPostRevokeAsync(long tokenId, CancellationToken cancellationToken)
    {
        var revoked = await tokens.RevokeAsync(tokenId, Actor, TokenRevocationReason.RevokedByAdmin, cancellationToken);
        TempData.SetStatus(revoked ? StatusKind.Success : StatusKind.Warning, revoked ? $"Token {tokenId} revoked." : "That token was already revoked or is gone.");
        return BackToList(TokenIdField);
    }

    public async Task<IActionResult> OnPostRevokeUserAsync(string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            TempData.SetStatus(StatusKind.Error, $"No user has the e-mail address '{Echo(email)}'.");
            return BackToList(EmailField);
        }

        var count = await tokens.RevokeAllOfUserAsync(user.Id, user.Email!, Actor, cancellationToken);
        TempData.SetStatus(StatusKind.Success, $"Revoked {count} token(s) of {user.Email}.");
        return BackToList(EmailField);
    }

    public async Task<IActionResult> OnPostRevokeClientAsync(string? clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            TempData.SetStatus(StatusKind.Error, "Give the client_id of the client whose tokens to revoke.");
            return BackToList(ClientIdField);
        }

        var count = await tokens.RevokeAllOfClientAsync(clientId.Trim(), Actor, cancellationToken);
        TempData.SetStatus(StatusKind.Success, $"Revoked {count} token(s) of client {Echo(clientId.Trim())}.");
        return BackToList(ClientIdField);
    }

    private const string TokenIdField = "tokenId";
    private const string EmailField = "email";
    private const string ClientIdField = "clientId";

    private static string Plural(int count) => count == 1 ? "1 active token" : $"{count} active tokens";

    /// <summary>User input repeated in a status message (kept in a cookie): short, so a huge value cannot bloat every later request.</summary>
    private static string Echo(string? value) => value is null ? "" : value.Length <= 100 ? value : value[..100] + "…";
}
