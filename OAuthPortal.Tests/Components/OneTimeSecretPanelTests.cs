using Bunit;
using OAuthPortal.Components;

namespace OAuthPortal.Tests.Components;

public sealed class OneTimeSecretPanelTests : BunitContext
{
    [Fact]
    public void Render_Secret_ShowsItWithACopyButtonAndTheOnceWarning()
    {
        var panel = Render<OneTimeSecretPanel>(ps => ps.Add(p => p.Secret, "s3cr3t-value"));

        var secret = panel.Find("[data-test=client-secret]");
        Assert.Equal("s3cr3t-value", secret.TextContent);
        Assert.Equal("#" + secret.Id, panel.Find("[data-test=copy-secret]").GetAttribute("data-copy"));
        Assert.Contains("cannot be shown again", panel.Find("[data-test=secret-warning]").TextContent);
        Assert.Equal("alert", panel.Find("[data-test=secret-warning]").GetAttribute("role"));
    }
}
