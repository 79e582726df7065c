using System.Net;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>/Admin/Clients: every client with its owner; disable, enable, delete.</summary>
public sealed class ClientsAdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task List_ShowsClientsWithTheirOwners()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var scenario = await OAuthScenario.CreateAsync(factory);

        var (_, page) = await Html.GetPageAsync(admin, $"/Admin/Clients?q={scenario.ClientId}");

        var row = page.QuerySelector($"[data-test=client-row][data-client-id='{scenario.ClientId}']")!;
        Assert.Contains("@example.test", row.QuerySelector("[data-test=owner]")!.TextContent);
    }

    [Fact]
    public async Task DisableThenEnable_StopsAndRestoresAuthorization()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var scenario = await OAuthScenario.CreateAsync(factory);
        var url = $"/Admin/Clients?q={scenario.ClientId}";

        await AdminUi.PressAsync(admin, url, "toggle-client");
        await OAuthAssert.ErrorPage(await scenario.Browser.GetAsync(scenario.AuthorizeUrl()), "disabled_client");
        await AdminUi.PressAsync(admin, url, "toggle-client");

        Html.AssertStatus(HttpStatusCode.OK, await scenario.Browser.GetAsync(scenario.AuthorizeUrl()));
    }

    [Fact]
    public async Task Delete_Confirmed_RemovesTheClient()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var scenario = await OAuthScenario.CreateAsync(factory);

        await AdminUi.PressAsync(admin, $"/Admin/Clients/Delete/{scenario.ClientId}", "confirm-delete");

        await OAuthAssert.ErrorPage(await scenario.Browser.GetAsync(scenario.AuthorizeUrl()), "unknown_client");
        Html.AssertStatus(HttpStatusCode.NotFound, await admin.GetAsync($"/Admin/Clients/Delete/{scenario.ClientId}"));
    }

    [Fact]
    public async Task List_ShowsTheOpenIdConnectSettings()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var owner = await TestUsers.CreateAsync(factory);
        var outcome = await factory.WithScopeAsync(s => s.GetRequiredService<ClientRegistrar>().RegisterAsync(
            new ClientRegistration(owner.Id, Unique.Name("oidc"), null, null, ClientType.Confidential, ["https://app.example.test/cb"])
            {
                PostLogoutRedirectUris = ["https://app.example.test/bye"], BackchannelLogoutUri = "https://app.example.test/bc", IdTokenSignedResponseAlg = "ES256",
            }, "test"));
        var clientId = outcome.Value!.ClientId;

        var (_, page) = await Html.GetPageAsync(admin, $"/Admin/Clients?q={clientId}");

        var cell = page.QuerySelector($"[data-test=client-row][data-client-id='{clientId}'] [data-test=oidc]")!;
        Assert.Equal("ES256", cell.QuerySelector("[data-test=id-token-alg]")!.TextContent);
        Assert.Equal("https://app.example.test/bc", cell.QuerySelector("[data-test=backchannel-logout-uri]")!.TextContent);
        Assert.Equal(["https://app.example.test/bye"], cell.QuerySelectorAll("[data-test=post-logout-redirect-uri-item]").Select(e => e.TextContent));
    }

    private async Task<(string Owner, string Fapi, string Plain)> TwoClientsOfOneOwnerAsync()
    {
        var owner = await TestUsers.CreateAsync(factory);
        async Task<string> RegisterAsync(ClientProfile profile) => (await factory.WithScopeAsync(s => s.GetRequiredService<ClientRegistrar>().RegisterAsync(
            new ClientRegistration(owner.Id, Unique.Name("profiled"), null, null, ClientType.Confidential, ["https://app.example.test/cb"])
            {
                TokenEndpointAuthMethod = "private_key_jwt", Jwks = KeyClients.JwkSet(KeyClients.Ec()), Profile = profile,
            }, "test"))).Value!.ClientId;
        return (owner.Email!, await RegisterAsync(ClientProfile.Fapi2), await RegisterAsync(ClientProfile.None));
    }

    private static List<string> RowIds(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("[data-test=client-row]").Select(r => r.GetAttribute("data-client-id")!).ToList();

    [Theory]
    [InlineData("fapi2", true, false)]
    [InlineData("none", false, true)]
    [InlineData("", true, true)]
    [InlineData("unknown", true, true)]
    public async Task List_ProfileFilterWithTheOwnerSearch_ShowsOnlyThatProfile(string profile, bool showsFapi, bool showsPlain)
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (owner, fapi, plain) = await TwoClientsOfOneOwnerAsync();

        var (_, page) = await Html.GetPageAsync(admin, $"/Admin/Clients?q={Uri.EscapeDataString(owner)}&profile={profile}");

        var rows = RowIds(page);
        Assert.Equal((showsFapi, showsPlain), (rows.Contains(fapi), rows.Contains(plain)));
        Assert.Equal(showsFapi ? 1 : 0, page.QuerySelectorAll("[data-test=profile-badge]").Length);
    }

    [Fact]
    public async Task List_ProfileFilter_IsKeptInTheSearchFormAndAfterAnAction()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (owner, fapi, _) = await TwoClientsOfOneOwnerAsync();
        var url = $"/Admin/Clients?q={Uri.EscapeDataString(owner)}&profile=fapi2";

        var (_, page) = await Html.GetPageAsync(admin, url);
        var toggled = await AdminUi.PressAsync(admin, url, "toggle-client");

        Assert.Equal("fapi2", page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("[data-test=filter-profile]")!.Value);
        Html.AssertStatus(HttpStatusCode.Redirect, toggled);
        Assert.Contains("profile=fapi2", toggled.Headers.Location!.OriginalString);
        Assert.Equal([fapi], RowIds((await Html.GetPageAsync(admin, toggled.Headers.Location!.OriginalString)).Document));
    }
}
