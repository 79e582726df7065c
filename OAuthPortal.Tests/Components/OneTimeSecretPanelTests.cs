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

    [Fact]
    public void Render_NamedSecret_UsesItsNameForTheElementTheCopyButtonAndTheAdvice()
    {
        var panel = Render<OneTimeSecretPanel>(ps => ps.Add(p => p.Secret, "iat-value").Add(p => p.Title, "Initial access token")
            .Add(p => p.Name, "initial-access-token").Add(p => p.LostAdvice, "Revoke it and create a new one."));

        var secret = panel.Find("[data-test=initial-access-token]");
        Assert.Equal("iat-value", secret.TextContent);
        Assert.Equal("#initial-access-token", panel.Find("[data-test=copy-secret]").GetAttribute("data-copy"));
        Assert.Equal("Initial access token", panel.Find("h2").TextContent);
        Assert.Contains("Revoke it and create a new one.", panel.Find("[data-test=secret-warning]").TextContent);
        Assert.Empty(panel.FindAll("[data-test=client-secret]"));
    }
}
