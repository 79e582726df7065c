using Microsoft.Playwright;

namespace OAuthPortal.Tests.Browser;

/// <summary>
/// Every main page at a phone's width (390 px) and a desktop's (1280 px), in the light and the dark theme: the page never
/// scrolls sideways (tables scroll inside their own box), and the theme follows the system. With the environment
/// variable OAUTHPORTAL_SCREENSHOTS_DIR set, each view is also saved there as NAME-WIDTH-THEME.png (the viewport only),
/// which is how docs/screenshots/ is made; the assertions are the checks, the pictures a side effect.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageLayoutTests(Chromium chromium)
{
    /// <summary>The pages the README's gallery shows (all pages are checked; only these are photographed).</summary>
    private static readonly HashSet<string> Photographed =
        ["home", "login", "consent", "developer-clients", "developer-client", "developer-callback", "my-apps", "admin-dashboard", "admin-tokens"];

    /// <summary>For the failure message: the outermost elements that reach past the window's right edge.</summary>
    private const string WidestElements = """
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
            .slice(0, 5).map(e => e.outerHTML.slice(0, 160)).join(' | ')
        """;

    [SkippableFact]
    public async Task MainPages_AtPhoneAndDesktopWidthsInBothThemes_NoHorizontalScroll()
    {
        await using var world = await BrowserPortal.StartAsync(chromium);
        var tour = await PortalTour.StartAsync(world);
        var directory = Environment.GetEnvironmentVariable("OAUTHPORTAL_SCREENSHOTS_DIR");
        var problems = new List<string>();

        foreach (var width in new[] { 390, 1280 })
        {
            foreach (var theme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await tour.SetWindowAsync(width, theme);
                foreach (var stop in tour.Stops)
                {
                    await PortalTour.VisitAsync(stop);
                    var widths = await stop.Person.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
                    var (scrollWidth, innerWidth) = (widths[0], widths[1]);
                    var shown = await PortalTour.ThemeAsync(stop.Person);
                    var expected = theme == ColorScheme.Dark ? "dark" : "light";
                    if (scrollWidth > innerWidth || shown != expected)
                    {
                        problems.Add($"{stop.Name} at {width} px ({expected}): scrollWidth {scrollWidth}, innerWidth {innerWidth}, theme {shown}; " +
                            "too wide: " + await stop.Person.EvaluateAsync<string>(WidestElements));
                    }

                    if (!string.IsNullOrEmpty(directory) && Photographed.Contains(stop.Name))
                    {
                        Directory.CreateDirectory(directory);
                        await stop.Person.ScreenshotAsync(new PageScreenshotOptions
                        {
                            Path = Path.Combine(directory, $"{stop.Name}-{width}-{expected}.png"), FullPage = false,
                        });
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(world.ConsoleErrors);
    }
}
