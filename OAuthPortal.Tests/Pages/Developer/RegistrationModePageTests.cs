using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Developer;

/// <summary>/Developer/RegistrationTokens says what OAuth:Registration:Mode allows: no tokens while registration is off.</summary>
public sealed class RegistrationModePageTests
{
    private static PortalFactory PortalIn(string mode) =>
        PortalFactory.With(new Dictionary<string, string?> { ["OAuth:Registration:Mode"] = mode });

    [Fact]
    public async Task RegistrationTokens_Disabled_SaysRegistrationIsOffAndRefusesToCreate()
    {
        using var factory = PortalIn("Disabled");
        var developer = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, developer.Email!);

        var (_, page) = await Html.GetPageAsync(browser, "/Developer/RegistrationTokens");
        var form = page.Form("form#token-form");
        var fields = Html.Fields(form);
        fields.Add(new("Input.Name", "Sneaky"));
        var post = await browser.PostAsync(new Uri(form.Action, UriKind.RelativeOrAbsolute), new FormUrlEncodedContent(fields));

        Assert.NotNull(page.QuerySelector("[data-test=registration-disabled]"));
        Assert.True(page.QuerySelector("form#token-form fieldset")!.HasAttribute("disabled"));
        Html.AssertStatus(HttpStatusCode.OK, post);
        Assert.NotNull((await Html.ParseAsync(post)).QuerySelector("[data-test=mode-error]"));
        Assert.False(await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().InitialAccessTokens.AnyAsync()));
    }

    [Fact]
    public async Task RegistrationTokens_Open_SaysTokensAreNotNeededAndStillAllowsThem()
    {
        using var factory = PortalIn("Open");
        var developer = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, developer.Email!);

        var (_, page) = await Html.GetPageAsync(browser, "/Developer/RegistrationTokens");

        Assert.Contains("Tokens are not needed", page.QuerySelector("[data-test=registration-open]")!.TextContent);
        Assert.False(page.QuerySelector("form#token-form fieldset")!.HasAttribute("disabled"));
        Assert.Null(page.QuerySelector("[data-test=registration-disabled]"));
    }
}
