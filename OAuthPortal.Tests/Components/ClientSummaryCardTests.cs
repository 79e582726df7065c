using Bunit;
using OAuthPortal.Components;

namespace OAuthPortal.Tests.Components;

public sealed class ClientSummaryCardTests : BunitContext
{
    [Fact]
    public void Render_FullClient_ShowsNameDescriptionOwnerAndLogoWithoutReferrer()
    {
        var card = Render<ClientSummaryCard>(ps => ps.Add(p => p.Client,
            new ClientSummary("abc", "Billing", "Reads invoices", "https://cdn.example/logo.png", "dev@example.test", false)));

        Assert.Equal("Billing", card.Find("[data-test=client-name]").TextContent);
        Assert.Equal("Reads invoices", card.Find("[data-test=client-description]").TextContent);
        Assert.Equal("Registered by dev@example.test", card.Find("[data-test=client-owner]").TextContent);
        var image = card.Find("[data-test=client-image]");
        Assert.Equal("https://cdn.example/logo.png", image.GetAttribute("src"));
        Assert.Equal("no-referrer", image.GetAttribute("referrerpolicy"));
    }

    [Theory]
    [InlineData("http://cdn.example/logo.png")]
    [InlineData("/images/logo.png")]
    [InlineData("//cdn.example/logo.png")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,AAAA")]
    public void Render_ImageThatIsNotAbsoluteHttps_ShowsNoImage(string imageUrl)
    {
        var card = Render<ClientSummaryCard>(ps => ps.Add(p => p.Client, new ClientSummary("abc", "Logo", "", imageUrl, null, false)));

        Assert.Empty(card.FindAll("img"));
    }

    [Fact]
    public void Render_RegisteredByProgram_ShowsTheMarker()
    {
        var card = Render<ClientSummaryCard>(ps => ps.Add(p => p.Client, new ClientSummary("abc", "Agent", "", null, null, false) { RegisteredByProgram = true }));

        Assert.Equal("registered by a program", card.Find("[data-test=registered-by-program]").TextContent);
    }

    [Fact]
    public void Render_NoImageDescriptionOrOwner_LeavesThemOut()
    {
        var card = Render<ClientSummaryCard>(ps => ps.Add(p => p.Client, new ClientSummary("abc", "Bare", "", null, null, true)));

        Assert.Empty(card.FindAll("[data-test=client-image], [data-test=client-description], [data-test=client-owner], [data-test=registered-by-program]"));
    }

    [Fact]
    public void Render_HrefAndFacts_LinksTheNameAndListsTheFacts()
    {
        var card = Render<ClientSummaryCard>(ps => ps
            .Add(p => p.Client, new ClientSummary("abc", "Listed", "", null, null, false))
            .Add(p => p.Href, "/Developer/Clients/abc")
            .Add(p => p.Facts, [new("Type", "Confidential"), new("Active tokens", "3")]));

        Assert.Equal("/Developer/Clients/abc", card.Find("[data-test=client-link]").GetAttribute("href"));
        Assert.Equal("3", card.Find("[data-fact='Active tokens']").TextContent);
        Assert.Equal(["Type", "Active tokens"], card.FindAll("dt").Select(d => d.TextContent));
    }
}
