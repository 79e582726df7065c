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
}
