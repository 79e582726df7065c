using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>A client registered through open registration belongs to no one: the admin pages say so instead of failing or showing a blank.</summary>
public sealed class OwnerlessClientsAdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task ClientList_OwnerlessProgramClient_ShowsNoOwnerAndTheMarker()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var clientId = await ProgramClients.InsertAsync(factory, ownerId: null);

        var (response, page) = await Html.GetPageAsync(admin, $"/Admin/Clients?q={clientId}");

        Html.AssertStatus(HttpStatusCode.OK, response);
        var row = page.QuerySelector($"[data-test=client-row][data-client-id='{clientId}']")!;
        Assert.Equal("no owner (open registration)", row.QuerySelector("[data-test=owner]")!.TextContent);
        Assert.NotNull(row.QuerySelector("[data-test=registered-by-program]"));
    }

    [Fact]
    public async Task ClientDetails_OwnerlessProgramClient_ShowsNoOwnerAndTheSoftwareMetadata()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var clientId = await ProgramClients.InsertAsync(factory, ownerId: null);

        var (response, page) = await Html.GetPageAsync(admin, $"/Admin/Clients/Details/{clientId}");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("no owner (open registration)", page.QuerySelector("[data-test=owner]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-test=registered-by-program]"));
        Assert.Equal("agent-kit", page.QuerySelector("[data-test=software-id]")!.TextContent);
        Assert.Equal("1.2.3", page.QuerySelector("[data-test=software-version]")!.TextContent);
        Assert.Equal("https://agent.example.test/", page.QuerySelector("[data-test=client-uri]")!.TextContent);
        Assert.Equal("ops@agent.example.test, dev@agent.example.test", page.QuerySelector("[data-test=contacts]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-test=initial-access-token-name]"));
    }

    [Fact]
    public async Task DeletePage_OwnerlessClient_SaysItHasNoOwner()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var clientId = await ProgramClients.InsertAsync(factory, ownerId: null);

        var (response, page) = await Html.GetPageAsync(admin, $"/Admin/Clients/Delete/{clientId}");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("no owner (open registration)", page.QuerySelector("[data-test=delete-warning]")!.TextContent);
    }

    [Fact]
    public async Task ClientList_ClientRegisteredByAPerson_HasNoMarkerAndNamesItsOwner()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var owner = await TestUsers.CreateAsync(factory);
        var clientId = await ProgramClients.InsertAsync(factory, owner.Id, registeredByProgram: false);

        var (_, page) = await Html.GetPageAsync(admin, $"/Admin/Clients?q={clientId}");

        var row = page.QuerySelector($"[data-test=client-row][data-client-id='{clientId}']")!;
        Assert.Equal(owner.Email, row.QuerySelector("[data-test=owner]")!.TextContent);
        Assert.Null(row.QuerySelector("[data-test=registered-by-program]"));
        var (_, details) = await Html.GetPageAsync(admin, $"/Admin/Clients/Details/{clientId}");
        Assert.Null(details.QuerySelector("[data-test=registration-facts]"));
    }
}
