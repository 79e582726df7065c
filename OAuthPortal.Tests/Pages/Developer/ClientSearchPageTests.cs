using AngleSharp.Html.Dom;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Developer;

/// <summary>/Developer/Clients?q=: the developer's own clients, searched on the server; each client_id with a Copy button.</summary>
public sealed class ClientSearchPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static IReadOnlyList<string> ClientIds(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-test=client-card]").Select(c => c.GetAttribute("data-client-id")!).ToList();

    private async Task<(HttpClient Browser, string First, string Second)> TwoClientsAsync(string firstName, string secondName)
    {
        var browser = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);
        var first = await DeveloperUi.SubmitCreateAsync(browser, firstName, "https://one.example.test/cb");
        var second = await DeveloperUi.SubmitCreateAsync(browser, secondName, "https://two.example.test/cb");
        string IdOf(HttpResponseMessage r) => r.Headers.Location!.OriginalString.Split('/')[3];
        return (browser, IdOf(first), IdOf(second));
    }

    [Fact]
    public async Task Search_PartOfAName_ShowsOnlyThatClientCaseInsensitively()
    {
        var (browser, first, _) = await TwoClientsAsync("Photo Printer", "Calendar Sync");

        var (_, page) = await Html.GetPageAsync(browser, "/Developer/Clients?q=PRINT");

        Assert.Equal([first], ClientIds(page));
        Assert.Equal("PRINT", ((IHtmlInputElement)page.QuerySelector("[data-test=client-query]")!).Value);
    }

    [Fact]
    public async Task Search_AClientIdOrARedirectUri_ShowsThatClient()
    {
        var (browser, _, second) = await TwoClientsAsync("Alpha", "Beta");

        var byId = (await Html.GetPageAsync(browser, "/Developer/Clients?q=" + second)).Document;
        var byUri = (await Html.GetPageAsync(browser, "/Developer/Clients?q=" + Uri.EscapeDataString("https://two.example.test/cb"))).Document;

        Assert.Equal([second], ClientIds(byId));
        Assert.Equal([second], ClientIds(byUri));
    }

    [Fact]
    public async Task Search_NoMatchOrAnotherUsersClient_SaysNothingMatches()
    {
        var (_, first, _) = await TwoClientsAsync("Mine", "Mine too");
        var stranger = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);
        await DeveloperUi.SubmitCreateAsync(stranger, "Stranger's", "https://three.example.test/cb");

        var (_, page) = await Html.GetPageAsync(stranger, "/Developer/Clients?q=" + first);

        Assert.Empty(ClientIds(page));
        Assert.NotNull(page.QuerySelector("[data-test=no-match]"));
        Assert.NotNull(page.QuerySelector("[data-test=client-search-clear]"));
    }

    [Fact]
    public async Task List_EachClientId_HasACopyButtonForIt()
    {
        var (browser, first, second) = await TwoClientsAsync("One", "Two");

        var (_, page) = await Html.GetPageAsync(browser, "/Developer/Clients?q=" + new string('x', 500));
        var all = (await Html.GetPageAsync(browser, "/Developer/Clients")).Document;

        Assert.NotNull(page.QuerySelector("[data-test=no-match]"));
        foreach (var id in new[] { first, second })
        {
            var button = all.QuerySelector($"[data-client-id='{id}'] button[data-copy]")!;
            Assert.Equal(id, all.QuerySelector(button.GetAttribute("data-copy")!)!.TextContent.Trim());
        }
    }
}
