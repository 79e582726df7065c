using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>/Admin/Security lists each RFC 9700 control with its setting and whether it is enforced.</summary>
public sealed class SecurityPostureTests
{
    [Fact]
    public async Task SafeSettings_EveryControlExceptOptionalPkceIsEnforced()
    {
        using var factory = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(factory);

        var (response, page) = await Html.GetPageAsync(admin, "/Admin/Security");

        Html.AssertStatus(HttpStatusCode.OK, response);
        var off = page.QuerySelectorAll("[data-test=control][data-enforced=false]").Select(r => r.TextContent).ToList();
        Assert.Contains("PKCE for confidential clients", Assert.Single(off));
        Assert.Contains(page.QuerySelectorAll("[data-test=control]"), r => r.TextContent.Contains("Rate limits"));
    }

    [Fact]
    public async Task RelaxedDevelopmentSettings_ShowAsNotEnforced()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequireHttps"] = "false", ["OAuth:RequireState"] = "false" });
        var (admin, _) = await AdminUi.AdminAsync(factory);

        var (_, page) = await Html.GetPageAsync(admin, "/Admin/Security");

        var off = page.QuerySelectorAll("[data-test=control][data-enforced=false]").Select(r => r.TextContent).ToList();
        Assert.Contains(off, c => c.Contains("OAuth:RequireHttps = False"));
        Assert.Contains(off, c => c.Contains("OAuth:RequireState = False"));
    }
}
