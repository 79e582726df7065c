using Microsoft.Playwright;

namespace OAuthPortal.Tests.Browser;

/// <summary>
/// The dark mode: the portal follows the system's prefers-color-scheme, and the navbar's toggle overrides it, remembered
/// (localStorage) across pages and applied in the head, before the page paints.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ThemeToggleTests(Chromium chromium)
{
    [SkippableFact]
    public async Task Toggle_OnALightSystem_SwitchesToDarkAndKeepsItOnTheNextPage()
    {
        await using var world = await BrowserPortal.StartAsync(chromium);
        var page = await world.NewPersonAsync(colorScheme: ColorScheme.Light);
        await page.GotoAsync("/");
        var before = await PortalTour.ThemeAsync(page);

        await page.ClickAsync("[data-test=theme-toggle]");
        var pressed = await page.Locator("[data-test=theme-toggle]").GetAttributeAsync("aria-pressed");
        await page.GotoAsync("/Identity/Account/Login");
        // The theme is already on the root element when the first byte of the body is parsed: theme.js ran in the head.
        var themeAtFirstPaint = await page.EvaluateAsync<string>("() => performance.getEntriesByType('navigation').length > 0 && document.documentElement.getAttribute('data-bs-theme')");

        Assert.Equal("light", before);
        Assert.Equal("true", pressed);
        Assert.Equal("dark", await PortalTour.ThemeAsync(page));
        Assert.Equal("dark", themeAtFirstPaint);
        Assert.Empty(world.ConsoleErrors);
    }

    [SkippableFact]
    public async Task Toggle_BackToTheSystemsTheme_FollowsTheSystemAgain()
    {
        await using var world = await BrowserPortal.StartAsync(chromium);
        var page = await world.NewPersonAsync(colorScheme: ColorScheme.Dark);
        await page.GotoAsync("/");
        var first = await PortalTour.ThemeAsync(page);

        await page.ClickAsync("[data-test=theme-toggle]");
        var chosen = await PortalTour.ThemeAsync(page);
        await page.ClickAsync("[data-test=theme-toggle]");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });
        // The media query's change event arrives after EmulateMediaAsync returns: wait for it (a bounded wait).
        try
        {
            await page.WaitForFunctionAsync("() => document.documentElement.getAttribute('data-bs-theme') === 'light'", null,
                new PageWaitForFunctionOptions { Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
            // a timeout: the theme is asserted below
        }

        var followed = await PortalTour.ThemeAsync(page);
        var pressed = await page.Locator("[data-test=theme-toggle]").GetAttributeAsync("aria-pressed");

        Assert.Equal("dark", first);
        Assert.Equal("light", chosen);
        Assert.Equal("light", followed);
        Assert.Equal("false", pressed);
        Assert.Empty(world.ConsoleErrors);
    }
}
