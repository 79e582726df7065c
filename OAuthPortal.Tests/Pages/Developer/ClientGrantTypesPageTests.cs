using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management.Scopes;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Developer;

/// <summary>Grant types and machine scopes in the developer area: the boxes on Register and Edit, and the client's page.</summary>
public sealed class ClientGrantTypesPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Code = "authorization_code";
    private const string Refresh = "refresh_token";
    private const string Machine = "client_credentials";
    private const string Device = "urn:ietf:params:oauth:grant-type:device_code";

    private async Task<(HttpClient Browser, PortalUser Developer)> DeveloperAsync()
    {
        var developer = await TestUsers.CreateAsync(factory);
        return (await SignIn.ClientForAsync(factory, developer.Email!), developer);
    }

    private Task<string> CreateScopeAsync(bool userOnly = false) =>
        factory.WithScopeAsync(async s => (await s.GetRequiredService<ScopeCatalog>().CreateAsync(Unique.Name("machine"), "Machine things", userOnly: userOnly)).Value!.Name);

    private Task<Client> StoredAsync(string clientId) => factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients
        .Include(c => c.MachineScopes).SingleAsync(c => c.Id == clientId));

    private static IHtmlInputElement Box(AngleSharp.Dom.IDocument page, string test) => page.QuerySelector<IHtmlInputElement>($"[data-test={test}]")!;

    private static async Task<AngleSharp.Dom.IDocument> CreateFormAsync(HttpClient browser) => (await Html.GetPageAsync(browser, "/Developer/Clients/Create")).Document;

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient browser, AngleSharp.Dom.IDocument page, string[] grantTypes, string[]? machineScopes = null,
        string type = "Confidential", string redirectUris = "") =>
        DeveloperUi.SubmitTickingAsync(browser, page.Form("form#client-form"), grantTypes, machineScopes, new Dictionary<string, string>
        {
            ["Input.Name"] = Unique.Name("machine-client"), ["Input.RedirectUris"] = redirectUris, ["Type"] = type,
        });

    [Fact]
    public async Task CreateForm_GrantTypes_AreExplainedBoxesWithTheDefaultTicked()
    {
        var (browser, _) = await DeveloperAsync();

        var page = await CreateFormAsync(browser);

        var boxes = page.QuerySelectorAll<IHtmlInputElement>("input[name='Input.GrantTypes']").ToList();
        Assert.Equal([Code, Refresh, Machine, Device], boxes.Select(b => b.Value));
        Assert.Equal([true, true, false, false], boxes.Select(b => b.IsChecked));
        Assert.All(boxes, b => Assert.NotEmpty(page.GetElementById(b.GetAttribute("aria-describedby")!)!.TextContent.Trim()));
        Assert.Contains("confidential clients only", page.GetElementById("grant-type-client-credentials-help")!.TextContent);
        Assert.Contains("1 to 20 with authorization_code", page.GetElementById("redirect-uris-help")!.TextContent);
    }

    [Fact]
    public async Task CreateForm_MachineScopes_ListOnlyScopesThatAreNotUserOnly()
    {
        var (browser, _) = await DeveloperAsync();
        var (machine, userOnly) = (await CreateScopeAsync(), await CreateScopeAsync(userOnly: true));

        var page = await CreateFormAsync(browser);

        var listed = page.QuerySelectorAll("[data-test=machine-scope]").Select(b => b.GetAttribute("data-scope")).ToList();
        Assert.Contains(machine, listed);
        Assert.DoesNotContain(userOnly, listed);
        Assert.DoesNotContain("openid", listed);
        Assert.DoesNotContain("profile", listed);
        Assert.Contains("client_credentials", page.GetElementById("machine-scopes-help")!.TextContent);
    }

    [Fact]
    public async Task Register_MachineClientWithoutRedirectUri_IsSavedAndItsPageShowsGrantTypesAndMachineScopes()
    {
        var (browser, _) = await DeveloperAsync();
        var scope = await CreateScopeAsync();

        var response = await RegisterAsync(browser, await CreateFormAsync(browser), [Machine, Device], [scope]);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        var clientId = response.Headers.Location!.OriginalString.Split('/')[3];
        var stored = await StoredAsync(clientId);
        Assert.Equal($"{Machine} {Device}", stored.AllowedGrantTypes);
        Assert.Equal([scope], stored.MachineScopes.Select(s => s.Name));
        var (_, details) = await Html.GetPageAsync(browser, $"/Developer/Clients/{clientId}");
        Assert.Equal(["Client credentials client_credentials", $"Device authorization {Device}"],
            details.QuerySelectorAll("[data-test=grant-type]").Select(e => e.TextContent.Trim()));
        Assert.Equal([scope], details.QuerySelectorAll("[data-test=machine-scope]").Select(e => e.TextContent));
        Assert.NotNull(details.QuerySelector("[data-test=redirect-uris-none]"));
    }

    [Fact]
    public async Task Register_PublicClientWithClientCredentials_ShowsTheErrorAtTheGrantTypesAndSavesNothing()
    {
        var (browser, developer) = await DeveloperAsync();

        var response = await RegisterAsync(browser, await CreateFormAsync(browser), [Machine], type: "Public");

        Html.AssertStatus(HttpStatusCode.OK, response);
        var page = await Html.ParseAsync(response);
        Assert.Contains("A public client cannot use client_credentials", page.QuerySelector("[data-test=grant-types-error]")!.TextContent);
        Assert.True(Box(page, "grant-type-client-credentials").IsChecked);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#type-public")!.IsChecked);
        Assert.False(await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.OwnerId == developer.Id)));
    }

    [Fact]
    public async Task Register_UserOnlyMachineScopePosted_ShowsTheErrorAtTheMachineScopes()
    {
        var (browser, _) = await DeveloperAsync();

        var response = await RegisterAsync(browser, await CreateFormAsync(browser), [Machine], ["openid"]);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("'openid' is user-only", (await Html.ParseAsync(response)).QuerySelector("[data-test=machine-scopes-error]")!.TextContent);
    }

    [Fact]
    public async Task Register_AuthorizationCodeWithoutRedirectUri_ShowsTheErrorAtTheRedirectUris()
    {
        var (browser, _) = await DeveloperAsync();

        var response = await RegisterAsync(browser, await CreateFormAsync(browser), [Code, Refresh]);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("uses authorization_code needs between 1 and 20", (await Html.ParseAsync(response)).QuerySelector("[data-test=redirect-uris-error]")!.TextContent);
    }

    [Fact]
    public async Task Register_NoGrantTypeTicked_ShowsTheErrorAndSavesNothing()
    {
        var (browser, developer) = await DeveloperAsync();

        var response = await RegisterAsync(browser, await CreateFormAsync(browser), [], redirectUris: "https://app.example.test/cb");

        Html.AssertStatus(HttpStatusCode.OK, response);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Tick at least one grant type.", page.QuerySelector("[data-test=grant-types-error]")!.TextContent);
        Assert.All(page.QuerySelectorAll<IHtmlInputElement>("input[name='Input.GrantTypes']"), b => Assert.False(b.IsChecked));
        Assert.False(await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.OwnerId == developer.Id)));
    }

    [Fact]
    public async Task Register_IndexedEmptyGrantTypeAndMachineScope_AreNotTicksAndNotAServerError()
    {
        var (browser, _) = await DeveloperAsync();
        var form = (await CreateFormAsync(browser)).Form("form#client-form");
        var fields = Html.Fields(form).Where(f => f.Key != "Input.GrantTypes").ToList();
        fields.AddRange([new("Input.GrantTypes[0]", ""), new("Input.MachineScopes[0]", ""), new("Input.Name", Unique.Name("indexed"))]);

        var response = await browser.PostAsync(form.Action, new FormUrlEncodedContent(fields));

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("Tick at least one grant type.", (await Html.ParseAsync(response)).QuerySelector("[data-test=grant-types-error]")!.TextContent);
    }

    [Fact]
    public async Task Register_PostWithoutTheGrantFields_GetsTheDefaultGrantTypes()
    {
        var (browser, _) = await DeveloperAsync();
        var form = (await CreateFormAsync(browser)).Form("form#client-form");
        var fields = Html.Fields(form).Where(f => f.Key is not ("Input.GrantTypes" or "Input.GrantFieldsShown" or "Input.Name" or "Input.RedirectUris")).ToList();
        fields.AddRange([new("Input.Name", Unique.Name("older-form")), new("Input.RedirectUris", "https://app.example.test/cb")]);

        var response = await browser.PostAsync(form.Action, new FormUrlEncodedContent(fields));

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal("authorization_code refresh_token", (await StoredAsync(response.Headers.Location!.OriginalString.Split('/')[3])).AllowedGrantTypes);
    }

    [Fact]
    public async Task EditForm_UnchangedSave_RoundTripsGrantTypesAndMachineScopes()
    {
        var (browser, developer) = await DeveloperAsync();
        var (kept, other) = (await CreateScopeAsync(), await CreateScopeAsync());
        var client = await TestClients.RegisterAsync(factory, developer.Id, [Machine, Device], [kept]);
        var (_, page) = await Html.GetPageAsync(browser, $"/Developer/Clients/{client.ClientId}/Edit");

        var saved = await Html.SubmitAsync(browser, page.Form("form#client-form"));

        Assert.Equal([false, false, true, true], page.QuerySelectorAll<IHtmlInputElement>("input[name='Input.GrantTypes']").Select(b => b.IsChecked));
        Assert.True(page.QuerySelector<IHtmlInputElement>($"[data-test=machine-scope][data-scope='{kept}']")!.IsChecked);
        Assert.False(page.QuerySelector<IHtmlInputElement>($"[data-test=machine-scope][data-scope='{other}']")!.IsChecked);
        Html.AssertStatus(HttpStatusCode.Redirect, saved);
        var stored = await StoredAsync(client.ClientId);
        Assert.Equal($"{Machine} {Device}", stored.AllowedGrantTypes);
        Assert.Equal([kept], stored.MachineScopes.Select(s => s.Name));
    }

    [Fact]
    public async Task Edit_OtherGrantTypesAndMachineScopes_AreSaved()
    {
        var (browser, developer) = await DeveloperAsync();
        var (old, added) = (await CreateScopeAsync(), await CreateScopeAsync());
        var client = await TestClients.RegisterAsync(factory, developer.Id, [Machine], [old]);
        var (_, page) = await Html.GetPageAsync(browser, $"/Developer/Clients/{client.ClientId}/Edit");

        var saved = await DeveloperUi.SubmitTickingAsync(browser, page.Form("form#client-form"), [Code, Machine], [added],
            new Dictionary<string, string> { ["Input.RedirectUris"] = "https://app.example.test/cb" });

        Html.AssertStatus(HttpStatusCode.Redirect, saved);
        var stored = await StoredAsync(client.ClientId);
        Assert.Equal($"{Code} {Machine}", stored.AllowedGrantTypes);
        Assert.Equal([added], stored.MachineScopes.Select(s => s.Name));
    }

    [Fact]
    public async Task Edit_EveryMachineScopeUnticked_LeavesNone()
    {
        var (browser, developer) = await DeveloperAsync();
        var client = await TestClients.RegisterAsync(factory, developer.Id, [Machine], [await CreateScopeAsync()]);
        var (_, page) = await Html.GetPageAsync(browser, $"/Developer/Clients/{client.ClientId}/Edit");

        var saved = await DeveloperUi.SubmitTickingAsync(browser, page.Form("form#client-form"), [Machine], []);

        Html.AssertStatus(HttpStatusCode.Redirect, saved);
        Assert.Empty((await StoredAsync(client.ClientId)).MachineScopes);
    }

    [Fact]
    public async Task Edit_NoGrantTypeTicked_ShowsTheErrorAndChangesNothing()
    {
        var (browser, developer) = await DeveloperAsync();
        var client = await TestClients.RegisterAsync(factory, developer.Id, [Device], [], ClientType.Public);
        var (_, page) = await Html.GetPageAsync(browser, $"/Developer/Clients/{client.ClientId}/Edit");

        var response = await DeveloperUi.SubmitTickingAsync(browser, page.Form("form#client-form"), []);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("Tick at least one grant type.", (await Html.ParseAsync(response)).QuerySelector("[data-test=grant-types-error]")!.TextContent);
        Assert.Equal(Device, (await StoredAsync(client.ClientId)).AllowedGrantTypes);
    }

    [Fact]
    public async Task EditForm_PublicClient_ClientCredentialsIsDisabledAndRefusedIfForced()
    {
        var (browser, developer) = await DeveloperAsync();
        var client = await TestClients.RegisterAsync(factory, developer.Id, [Device], [], ClientType.Public);
        var (_, page) = await Html.GetPageAsync(browser, $"/Developer/Clients/{client.ClientId}/Edit");

        var forced = await DeveloperUi.SubmitTickingAsync(browser, page.Form("form#client-form"), [Device, Machine]);

        Assert.True(Box(page, "grant-type-client-credentials").IsDisabled);
        Assert.Contains("This client is public", page.GetElementById("grant-type-client-credentials-help")!.TextContent);
        Html.AssertStatus(HttpStatusCode.OK, forced);
        var refused = await Html.ParseAsync(forced);
        Assert.Contains("A public client cannot use client_credentials", refused.QuerySelector("[data-test=grant-types-error]")!.TextContent);
        Assert.True(Box(refused, "grant-type-client-credentials").IsDisabled);
        Assert.Equal(Device, (await StoredAsync(client.ClientId)).AllowedGrantTypes);
    }

    [Fact]
    public async Task Details_MachineAndDeviceClient_QuickstartHasOnlyTheItemsOfItsGrants()
    {
        var (browser, developer) = await DeveloperAsync();
        var client = await TestClients.RegisterAsync(factory, developer.Id, [Machine, Device], [await CreateScopeAsync()]);

        var (response, details) = await Html.GetPageAsync(browser, $"/Developer/Clients/{client.ClientId}");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal(["metadata", "device-authorization", "device-poll", "client-credentials", "revoke", "api", "status-api"],
            details.QuerySelectorAll("[data-test^=quickstart-]").Select(e => e.GetAttribute("data-test")!["quickstart-".Length..]).Where(id => id != "note"));
    }
}
