using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>/Admin/Resources: register (URI, name, accepted scopes), list, edit, delete protected resources (RFC 8707).</summary>
public sealed class ResourcesAdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static IElement? Row(IDocument page, string uri) => page.QuerySelector($"[data-test=resource-row][data-uri='{uri}']");

    private static string NewUri() => $"https://{Unique.Name("res")}.example.test/api";

    private static Task<HttpResponseMessage> CreateAsync(HttpClient admin, IDocument page, string uri, string name = "Orders API") =>
        Html.SubmitAsync(admin, page.Form("form#create-resource"), new Dictionary<string, string> { ["Input.Uri"] = uri, ["Input.Name"] = name });

    [Fact]
    public async Task Create_ValidResourceWithAScope_IsListedAndAudited()
    {
        var (admin, adminEmail) = await AdminUi.AdminAsync(factory);
        var scope = await MachineClients.CreateScopeAsync(factory);
        var uri = NewUri();
        var (shown, page) = await Html.GetPageAsync(admin, "/Admin/Resources");
        Html.AssertStatus(HttpStatusCode.OK, shown);
        page.QuerySelector<IHtmlInputElement>($"[data-test=resource-scope][data-scope='{scope}']")!.IsChecked = true;

        var response = await CreateAsync(admin, page, uri);
        var (_, list) = await Html.GetPageAsync(admin, response.Headers.Location!.OriginalString);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Contains("Orders API", Row(list, uri)!.TextContent);
        Assert.Equal(scope, Row(list, uri)!.QuerySelector("[data-test=resource-scopes]")!.TextContent);
        var (_, audit) = await Html.GetPageAsync(admin, "/Admin/Audit?action=ResourceCreated");
        Assert.Contains(audit.QuerySelectorAll("[data-test=audit-row]"),
            r => r.QuerySelector("[data-test=audit-target]")!.TextContent == $"resource:{uri}" && r.QuerySelector("[data-test=audit-actor]")!.TextContent == adminEmail);
    }

    [Fact]
    public async Task Create_ThenAuthorizeNamingIt_IsAccepted()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var uri = NewUri();
        var (_, page) = await Html.GetPageAsync(admin, "/Admin/Resources");
        await CreateAsync(admin, page, uri);
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(ProtectedResources.WithResources(scenario.AuthorizeUrl(), uri));

        Html.AssertStatus(HttpStatusCode.OK, response);
    }

    [Theory]
    [InlineData("http://api.example.test/v1")]
    [InlineData("https://api.example.test/v1#part")]
    [InlineData("api.example.test")]
    [InlineData("")]
    [InlineData("http://localhost:5000/api")]
    public async Task Create_InvalidUri_ShowsTheErrorNextToTheFieldAndSavesNothing(string uri)
    {
        // Tests run with OAuth:RequireHttps on: plain http is refused even on loopback.
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (_, page) = await Html.GetPageAsync(admin, "/Admin/Resources");

        var response = await CreateAsync(admin, page, uri);

        Html.AssertStatus(HttpStatusCode.OK, response);
        var after = await Html.ParseAsync(response);
        Assert.NotEmpty(after.QuerySelector("[data-test=resource-uri-error]")!.TextContent.Trim());
        Assert.Null(uri.Length == 0 ? null : Row(after, uri));
    }

    [Fact]
    public async Task Create_SameUriTwice_SecondIsRefused()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var uri = NewUri();
        var (_, page) = await Html.GetPageAsync(admin, "/Admin/Resources");
        await CreateAsync(admin, page, uri);

        var response = await CreateAsync(admin, (await Html.GetPageAsync(admin, "/Admin/Resources")).Document, uri);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("registered already", (await Html.ParseAsync(response)).QuerySelector("[data-test=resource-uri-error]")!.TextContent);
    }

    [Fact]
    public async Task Create_WithoutName_ShowsTheNameError()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (_, page) = await Html.GetPageAsync(admin, "/Admin/Resources");

        var response = await CreateAsync(admin, page, NewUri(), name: " ");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotEmpty((await Html.ParseAsync(response)).QuerySelector("[data-test=resource-name-error]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Edit_NameAndScopes_AreSaved()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var scope = await MachineClients.CreateScopeAsync(factory);
        var uri = NewUri();
        await CreateAsync(admin, (await Html.GetPageAsync(admin, "/Admin/Resources")).Document, uri);
        var (_, list) = await Html.GetPageAsync(admin, "/Admin/Resources");
        var (_, edit) = await Html.GetPageAsync(admin, Row(list, uri)!.QuerySelector("[data-test=edit-resource]")!.GetAttribute("href")!);
        edit.QuerySelector<IHtmlInputElement>($"[data-test=resource-scope][data-scope='{scope}']")!.IsChecked = true;

        var response = await Html.SubmitAsync(admin, edit.Form("form#edit-resource"), new Dictionary<string, string> { ["Input.Name"] = "Renamed API" });
        var (_, after) = await Html.GetPageAsync(admin, "/Admin/Resources");

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Contains("Renamed API", Row(after, uri)!.TextContent);
        Assert.Equal(scope, Row(after, uri)!.QuerySelector("[data-test=resource-scopes]")!.TextContent);
    }

    [Fact]
    public async Task Delete_Confirmed_RemovesItAndRequestsNamingItFailWithInvalidTarget()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var uri = NewUri();
        await CreateAsync(admin, (await Html.GetPageAsync(admin, "/Admin/Resources")).Document, uri);
        var (_, list) = await Html.GetPageAsync(admin, "/Admin/Resources");
        var deleteUrl = Row(list, uri)!.QuerySelector("[data-test=delete-resource]")!.GetAttribute("href")!;
        var (_, confirm) = await Html.GetPageAsync(admin, deleteUrl);
        Assert.Contains("invalid_target", confirm.QuerySelector("[data-test=delete-resource-effect]")!.TextContent);

        var response = await AdminUi.PressAsync(admin, deleteUrl, "confirm-delete-resource");
        var (_, after) = await Html.GetPageAsync(admin, "/Admin/Resources");
        var scenario = await OAuthScenario.CreateAsync(factory);
        var authorize = await scenario.Browser.GetAsync(ProtectedResources.WithResources(scenario.AuthorizeUrl(), uri));

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Null(Row(after, uri));
        OAuthAssert.ErrorRedirect(authorize, scenario.RedirectUri, "invalid_target");
    }

    [Fact]
    public async Task Delete_WithoutAntiforgeryToken_IsRefused()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var uri = NewUri();
        await CreateAsync(admin, (await Html.GetPageAsync(admin, "/Admin/Resources")).Document, uri);
        var (_, list) = await Html.GetPageAsync(admin, "/Admin/Resources");
        var deleteUrl = Row(list, uri)!.QuerySelector("[data-test=delete-resource]")!.GetAttribute("href")!;

        var response = await admin.PostAsync(deleteUrl, new FormUrlEncodedContent([]));
        var (_, after) = await Html.GetPageAsync(admin, "/Admin/Resources");

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.NotNull(Row(after, uri));
    }

    [Fact]
    public async Task AdminHome_LinksToResources()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);

        var (_, page) = await Html.GetPageAsync(admin, "/Admin");

        Assert.Equal("/Admin/Resources", page.QuerySelector("[data-test=admin-nav-resources]")!.GetAttribute("href"));
    }
}
