using Bunit;
using OAuthPortal.Components;

namespace OAuthPortal.Tests.Components;

public sealed class OAuthErrorPanelTests : BunitContext
{
    [Fact]
    public void Render_Message_IsAnAlertWithTheReasonAndNoLinkAway()
    {
        var panel = Render<OAuthErrorPanel>(ps => ps.Add(p => p.Message, "Unknown client.").Add(p => p.Reason, "unknown_client"));

        var alert = panel.Find("[data-test=oauth-error]");
        Assert.Equal("alert", alert.GetAttribute("role"));
        Assert.Equal("unknown_client", alert.GetAttribute("data-reason"));
        Assert.Equal("Unknown client.", panel.Find("[data-test=oauth-error-message]").TextContent);
        Assert.Empty(panel.FindAll("a"));
    }

    [Fact]
    public void Render_RequestId_IsShownToQuote()
    {
        var panel = Render<OAuthErrorPanel>(ps => ps.Add(p => p.Message, "Unknown client.").Add(p => p.RequestId, "0af7651916cd43dd8448eb211c80319c"));

        Assert.Equal("0af7651916cd43dd8448eb211c80319c", panel.Find("[data-test=request-id]").TextContent);
    }

    [Fact]
    public void Render_NoRequestId_ShowsNoIdLine()
    {
        var panel = Render<OAuthErrorPanel>(ps => ps.Add(p => p.Message, "Unknown client."));

        Assert.Empty(panel.FindAll("[data-test=request-id]"));
    }
}
