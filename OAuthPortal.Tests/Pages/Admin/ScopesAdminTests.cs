using System.Net;
using AngleSharp.Dom;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>/Admin/Scopes: usage counts, create, edit the description and the user-only flag, delete (refused while used unless confirmed).</summary>
public sealed class ScopesAdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static IElement Row(IDocument page, string scope) => page.QuerySelector($"[data-test=scope-row][data-scope='{scope}']")!;

    private static string ListUrl(string search) => $"/Admin/Scopes?q={Uri.EscapeDataString(search)}";

    private Task CreateScopesAsync(IEnumerable<(string Name, string Description)> scopes) =>
        factory.WithScopeAsync(async s =>
        {
            var catalog = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<OAuthPortal.Management.Scopes.ScopeCatalog>(s);
            foreach (var (name, description) in scopes)
            {
                Assert.True((await catalog.CreateAsync(name, description)).Succeeded);
            }
        });

    [Fact]
    public async Task List_MoreThanAPage_IsPagedByNameWithTheSearchKept()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var prefix = Unique.Name("paged");
        var names = Enumerable.Range(0, 27).Select(i => $"{prefix}-{i:D2}").ToList();
        await CreateScopesAsync(names.Select(n => (n, "Paged scope")));

        var (_, first) = await Html.GetPageAsync(admin, ListUrl(prefix));
        var next = first.QuerySelector("[data-test=pager-next]")!.GetAttribute("href")!;
        var (_, second) = await Html.GetPageAsync(admin, next);

        Assert.Equal(names.Take(25), first.QuerySelectorAll("[data-test=scope-row]").Select(r => r.GetAttribute("data-scope")));
        Assert.Equal(names.Skip(25), second.QuerySelectorAll("[data-test=scope-row]").Select(r => r.GetAttribute("data-scope")));
        Assert.Contains("q=" + Uri.EscapeDataString(prefix), next);
        Assert.Contains("27 in all", second.QuerySelector("[data-test=pager-summary]")!.TextContent);
    }

    [Fact]
    public async Task List_Search_MatchesNameOrDescriptionIgnoringCase()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var marker = Unique.Name("marker");
        var byName = $"{marker}-scope";
        var byDescription = Unique.Name("described");
        var other = Unique.Name("other");
        await CreateScopesAsync([(byName, "Plain"), (byDescription, $"Mentions {marker.ToUpperInvariant()}"), (other, "Unrelated")]);

        var (_, page) = await Html.GetPageAsync(admin, ListUrl(marker));
        var (_, none) = await Html.GetPageAsync(admin, ListUrl(Unique.Name("nothing")));

        Assert.Equal(new[] { byDescription, byName }.Order(StringComparer.Ordinal),
            page.QuerySelectorAll("[data-test=scope-row]").Select(r => r.GetAttribute("data-scope")!).Order(StringComparer.Ordinal));
        Assert.Empty(none.QuerySelectorAll("[data-test=scope-row]"));
        Assert.Equal("No scope matches this search.", none.QuerySelector("[data-test=no-scopes]")!.TextContent);
    }

    [Fact]
    public async Task Create_ValidScope_IsListedAndAudited()
    {
        var (admin, adminEmail) = await AdminUi.AdminAsync(factory);
        var name = Unique.Name("admin-scope");
        var (_, page) = await Html.GetPageAsync(admin, "/Admin/Scopes");

        var response = await Html.SubmitAsync(admin, page.Form("form#create-scope"),
            new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Description"] = "Read things" });
        var (_, list) = await Html.GetPageAsync(admin, response.Headers.Location!.OriginalString);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Contains("Read things", Row(list, name).TextContent);
        var (_, audit) = await Html.GetPageAsync(admin, "/Admin/Audit?action=ScopeCreated");
        Assert.Contains(audit.QuerySelectorAll("[data-test=audit-row]"),
            r => r.QuerySelector("[data-test=audit-target]")!.TextContent == $"scope:{name}" && r.QuerySelector("[data-test=audit-actor]")!.TextContent == adminEmail);
    }

    [Theory]
    [InlineData("two words", "Description", "scope-name-error")]
    [InlineData("", "Description", "scope-name-error")]
    public async Task Create_InvalidName_ShowsTheErrorNextToTheField(string name, string description, string errorTest)
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (_, page) = await Html.GetPageAsync(admin, "/Admin/Scopes");

        var response = await Html.SubmitAsync(admin, page.Form("form#create-scope"),
            new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Description"] = description });

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotEmpty((await Html.ParseAsync(response)).QuerySelector($"[data-test={errorTest}]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Edit_Description_IsSavedAndAudited()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1);
        var (_, list) = await Html.GetPageAsync(admin, ListUrl(scenario.Scopes[0]));
        var editUrl = Row(list, scenario.Scopes[0]).QuerySelector("[data-test=edit-scope]")!.GetAttribute("href")!;
        var (_, page) = await Html.GetPageAsync(admin, editUrl);

        await Html.SubmitAsync(admin, page.Form("form#edit-scope"), new Dictionary<string, string> { ["Description"] = "A better description" });
        var (_, after) = await Html.GetPageAsync(admin, ListUrl(scenario.Scopes[0]));

        Assert.Contains("A better description", Row(after, scenario.Scopes[0]).TextContent);
        var (_, audit) = await Html.GetPageAsync(admin, "/Admin/Audit?action=ScopeEdited");
        Assert.Contains(audit.QuerySelectorAll("[data-test=audit-row]"), r => r.QuerySelector("[data-test=audit-target]")!.TextContent == $"scope:{scenario.Scopes[0]}");
    }

    [Fact]
    public async Task Delete_InUse_IsRefusedUntilConfirmedThenRevokesItsTokens()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1, sharedScopes: ["profile"]);
        var token = (await TokenEndpoint.ObtainTokensAsync(scenario))["access_token"]!;
        var scope = scenario.Scopes[0];
        var (_, list) = await Html.GetPageAsync(admin, ListUrl(scope));
        Assert.Equal("1", Row(list, scope).QuerySelector("[data-test=active-tokens]")!.TextContent);
        Assert.Equal("1", Row(list, scope).QuerySelector("[data-test=grants]")!.TextContent);
        var deleteUrl = Row(list, scope).QuerySelector("[data-test=delete-scope]")!.GetAttribute("href")!;

        var refused = await AdminUi.PressAsync(admin, deleteUrl, "confirm-delete-scope");
        var (_, refusedPage) = await Html.GetPageAsync(admin, refused.Headers.Location!.OriginalString);
        Assert.Contains("in use", refusedPage.QuerySelector("[data-test=status-message]")!.TextContent);
        Assert.NotNull(refusedPage.QuerySelector("[data-test=scope-in-use]"));
        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", token));

        var confirm = refusedPage.QuerySelector<AngleSharp.Html.Dom.IHtmlButtonElement>("[data-test=confirm-delete-scope]")!;
        var confirmed = await Html.SubmitAsync(admin, (AngleSharp.Html.Dom.IHtmlFormElement)confirm.Form!, new Dictionary<string, string> { ["revokeUses"] = "true" }, confirm);

        Html.AssertStatus(HttpStatusCode.Redirect, confirmed);
        var (_, after) = await Html.GetPageAsync(admin, ListUrl(scope));
        Assert.Null(Row(after, scope));
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", token));
        var (_, audit) = await Html.GetPageAsync(admin, "/Admin/Audit?action=ScopeDeleted");
        Assert.Contains(audit.QuerySelectorAll("[data-test=audit-row]"), r => r.TextContent.Contains($"scope:{scope}") && r.TextContent.Contains("revoked 1 token"));
    }

    [Fact]
    public async Task Delete_Unused_IsDeletedAtOnce()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var name = Unique.Name("unused");
        await factory.WithScopeAsync(s => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<OAuthPortal.Management.Scopes.ScopeCatalog>(s).CreateAsync(name, "Unused"));
        var (_, list) = await Html.GetPageAsync(admin, ListUrl(name));

        await AdminUi.PressAsync(admin, Row(list, name).QuerySelector("[data-test=delete-scope]")!.GetAttribute("href")!, "confirm-delete-scope");
        var (_, after) = await Html.GetPageAsync(admin, ListUrl(name));

        Assert.Null(Row(after, name));
    }

    private async Task<string> EditUrlAsync(HttpClient admin, string scope)
    {
        var (_, list) = await Html.GetPageAsync(admin, ListUrl(scope));
        return Row(list, scope).QuerySelector("[data-test=edit-scope]")!.GetAttribute("href")!;
    }

    [Theory]
    [InlineData(true, "yes")]
    [InlineData(false, "no")]
    public async Task Create_UserOnlyBox_IsStoredAndListed(bool ticked, string listed)
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var name = Unique.Name("flagged");
        var (_, page) = await Html.GetPageAsync(admin, "/Admin/Scopes");
        var values = new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Description"] = "Flagged things" };
        if (ticked)
        {
            values["Input.UserOnly"] = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-test=scope-user-only]")!.Value;
        }

        var response = await Html.SubmitAsync(admin, page.Form("form#create-scope"), values);
        var (_, list) = await Html.GetPageAsync(admin, response.Headers.Location!.OriginalString);

        Assert.Equal(listed, Row(list, name).QuerySelector("[data-test=user-only]")!.TextContent);
        Assert.NotNull(page.QuerySelector("#scope-user-only-help"));
    }

    [Fact]
    public async Task Edit_BuiltInScope_UserOnlyIsTickedFixedAndKeptOnSave()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (_, page) = await Html.GetPageAsync(admin, await EditUrlAsync(admin, "email"));
        var box = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-test=scope-user-only]")!;

        var saved = await Html.SubmitAsync(admin, page.Form("form#edit-scope"));

        Assert.True(box.IsChecked && box.IsDisabled);
        Html.AssertStatus(HttpStatusCode.Redirect, saved);
        var (_, list) = await Html.GetPageAsync(admin, ListUrl("email"));
        Assert.Equal("yes", Row(list, "email").QuerySelector("[data-test=user-only]")!.TextContent);
    }

    [Fact]
    public async Task Edit_BuiltInScopeForcedNotUserOnly_IsRefusedNextToTheField()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (_, page) = await Html.GetPageAsync(admin, await EditUrlAsync(admin, "profile"));

        var response = await Html.SubmitAsync(admin, page.Form("form#edit-scope"), new Dictionary<string, string> { ["UserOnly"] = "false" });

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("always user-only", (await Html.ParseAsync(response)).QuerySelector("[data-test=scope-user-only-error]")!.TextContent);
    }

    [Fact]
    public async Task Edit_MadeUserOnly_SaysHowManyClientsAndTokensAndRevokesTheMachineToken()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var name = Unique.Name("machine");
        await CreateScopesAsync([(name, "Machine status")]);
        var owner = await TestUsers.CreateAsync(factory);
        var client = await TestClients.RegisterAsync(factory, owner.Id, ["client_credentials"], [name]);
        var token = await TestTokens.IssueWithScopesAsync(factory, client.ClientId, null, name);
        var (_, page) = await Html.GetPageAsync(admin, await EditUrlAsync(admin, name));
        Assert.False(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-test=scope-user-only]")!.IsChecked);

        var saved = await Html.SubmitAsync(admin, page.Form("form#edit-scope"), new Dictionary<string, string> { ["UserOnly"] = "true" });
        var (_, list) = await Html.GetPageAsync(admin, saved.Headers.Location!.OriginalString);

        Assert.Contains("removed from the machine scopes of 1 client(s), and 1 token(s) without a user", list.QuerySelector("[data-test=status-message]")!.TextContent);
        Assert.True(await TestTokens.IsRevokedAsync(factory, token));
        var (_, audit) = await Html.GetPageAsync(admin, "/Admin/Audit?action=ScopeEdited");
        Assert.Contains(audit.QuerySelectorAll("[data-test=audit-row]"), r => r.TextContent.Contains($"scope:{name}") && r.TextContent.Contains("made user-only"));
    }
}
