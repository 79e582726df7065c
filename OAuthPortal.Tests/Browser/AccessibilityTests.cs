using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace OAuthPortal.Tests.Browser;

/// <summary>
/// axe-core (Deque.AxeCore.Playwright, which injects it) on the main pages in both themes: no serious or critical
/// violation (WCAG 2 A/AA and best-practice rules: contrast, names, labels, landmarks...).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(Chromium chromium)
{
    private static readonly string[] Checked = ["home", "login", "consent", "developer-client", "admin-dashboard", "admin-tokens"];

    /// <summary>Both themes in one test: the pages are set up once (a few seconds of clicking), then checked twice.</summary>
    [SkippableFact]
    public async Task MainPages_AxeInLightAndDarkThemes_NoSeriousOrCriticalViolations()
    {
        await using var world = await BrowserPortal.StartAsync(chromium);
        var tour = await PortalTour.StartAsync(world);
        var problems = new List<string>();

        foreach (var (theme, name) in new[] { ColorScheme.Light, ColorScheme.Dark }.SelectMany(t => Checked.Select(n => (t, n))))
        {
            await tour.SetWindowAsync(1280, theme);
            var stop = tour[name];
            await PortalTour.VisitAsync(stop);
            Assert.Equal(theme == ColorScheme.Dark ? "dark" : "light", await PortalTour.ThemeAsync(stop.Person));
            var result = await stop.Person.RunAxe();
            problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v =>
                $"{name} ({theme}): {v.Impact} {v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Take(5).Select(n => $"{n.Target} {n.Html}"))}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(world.ConsoleErrors);
    }
}
