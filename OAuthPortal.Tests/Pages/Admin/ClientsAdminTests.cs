using System.Net;
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
}
