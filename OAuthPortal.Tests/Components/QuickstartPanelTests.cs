using Bunit;
using OAuthPortal.Components;

namespace OAuthPortal.Tests.Components;

public sealed class QuickstartPanelTests : BunitContext
{
    [Fact]
    public void Render_Items_ShowsEachWithItsLabelExplanationAndCopyButton()
    {
        var panel = Render<QuickstartPanel>(ps => ps.Add(p => p.Items,
        [
            new QuickstartItem("metadata", "Metadata URL", "https://as.example/.well-known/oauth-authorization-server", "Discovery."),
            new QuickstartItem("api", "Call the API", "curl 'https://as.example/api/me' -H 'Authorization: Bearer X'"),
        ]));

        Assert.Equal("https://as.example/.well-known/oauth-authorization-server", panel.Find("[data-test=quickstart-metadata]").TextContent);
        Assert.Equal("curl 'https://as.example/api/me' -H 'Authorization: Bearer X'", panel.Find("[data-test=quickstart-api]").TextContent);
        Assert.Equal(["#qs-metadata", "#qs-api"], panel.FindAll("button[data-copy]").Select(b => b.GetAttribute("data-copy")));
        Assert.Contains("Discovery.", panel.Markup);
        Assert.Single(panel.FindAll(".form-text"));
    }
}
