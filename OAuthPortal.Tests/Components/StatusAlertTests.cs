using Bunit;
using OAuthPortal.Components;

namespace OAuthPortal.Tests.Components;

public sealed class StatusAlertTests : BunitContext
{
    [Fact]
    public void Render_NoMessage_RendersNothing()
    {
        var alert = Render<StatusAlert>();

        Assert.Empty(alert.Markup.Trim());
    }

    [Fact]
    public void Render_SuccessMessage_IsAPoliteSuccessAlert()
    {
        var alert = Render<StatusAlert>(ps => ps.Add(p => p.Message, new StatusMessage(StatusKind.Success, "Client saved.")));

        alert.MarkupMatches("""
            <div class="alert alert-success alert-dismissible fade show" role="status" data-test="status-message" data-kind="success">
              Client saved.
              <button type="button" class="btn-close" data-bs-dismiss="alert" aria-label="Close"></button>
            </div>
            """);
    }

    [Fact]
    public void Render_ErrorMessage_IsAnAssertiveDangerAlert()
    {
        var alert = Render<StatusAlert>(ps => ps.Add(p => p.Message, new StatusMessage(StatusKind.Error, "Could not save.")));

        var div = alert.Find("[data-test=status-message]");
        Assert.Equal("alert", div.GetAttribute("role"));
        Assert.Contains("alert-danger", div.ClassList);
    }

    [Fact]
    public void Render_MarkupInText_IsEncoded()
    {
        var alert = Render<StatusAlert>(ps => ps.Add(p => p.Message, new StatusMessage(StatusKind.Info, "<script>alert(1)</script>")));

        Assert.Empty(alert.FindAll("script"));
        Assert.Contains("&lt;script&gt;", alert.Markup);
    }
}
