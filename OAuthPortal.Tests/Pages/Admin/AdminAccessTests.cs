using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>Every admin page and action: 403 for a signed-in non-admin, login for anonymous users.</summary>
public sealed class AdminAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> Pages => new()
    {
        "/Admin", "/Admin/Scopes", "/Admin/Scopes/Edit/1", "/Admin/Scopes/Delete/1", "/Admin/Tokens", "/Admin/Clients",
        "/Admin/Clients/Delete/x", "/Admin/Users", "/Admin/Users/Details/x", "/Admin/Audit", "/Admin/Security",
        "/Admin/Keys", "/Admin/Keys/Rotate", "/Admin/Keys/Revoke/x", "/Admin/Users/Create", "/Admin/Users/ResetPassword/x",
        "/Admin/Users/Details/x?handler=Lock", "/Admin/Users/Details/x?handler=EndSessions", "/Admin/Clients/Details/x?handler=Disable",
        "/Admin/Tokens?handler=Revoke&tokenId=1", "/Admin/Audit?handler=Csv",
    };

    public static TheoryData<string> Posts => new()
    {
        "/Admin/Scopes?handler=Create", "/Admin/Scopes/Edit/1", "/Admin/Scopes/Delete/1", "/Admin/Tokens?handler=Revoke",
        "/Admin/Tokens?handler=RevokeUser", "/Admin/Tokens?handler=RevokeClient", "/Admin/Clients?handler=Disable&id=x",
        "/Admin/Clients/Delete/x", "/Admin/Users/Details/x?handler=GrantAdmin", "/Admin/Users/Details/x?handler=Lock",
        "/Admin/Users/Details/x?handler=RevokeTokens", "/Admin/Keys/Rotate", "/Admin/Keys/Revoke/x", "/Admin/Users/Create",
        "/Admin/Users/ResetPassword/x", "/Admin/Users/Details/x?handler=EndSessions", "/Admin/Clients/Details/x?handler=Disable",
        "/Admin/Clients/Details/x?handler=RotateSecret",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Get_SignedInNonAdmin_Is403(string path)
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);

        Html.AssertStatus(HttpStatusCode.Forbidden, await browser.GetAsync(path));
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Post_SignedInNonAdminWithAValidAntiforgeryToken_Is403(string path)
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        var (_, page) = await Html.GetPageAsync(browser, "/Identity/Account/Manage");
        var form = page.Form("form[method=post]");

        var response = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ((AngleSharp.Html.Dom.IHtmlInputElement)form.Elements["__RequestVerificationToken"]!).Value,
            ["tokenId"] = "1", ["email"] = user.Email!, ["clientId"] = "x",
        }));

        Html.AssertStatus(HttpStatusCode.Forbidden, response);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Get_Anonymous_RedirectsToLogin(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
    }
}
