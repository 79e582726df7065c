using Bunit;
using OAuthPortal.Components;
using OAuthPortal.Management.Audit;

namespace OAuthPortal.Tests.Components;

public sealed class TokensPerDayChartTests : BunitContext
{
    [Fact]
    public void Render_Days_DrawsOneScaledBarPerDayWithAnAccessibleDescription()
    {
        var chart = Render<TokensPerDayChart>(ps => ps.Add(p => p.Days,
            [new DailyCount(new DateOnly(2026, 1, 14), 2), new DailyCount(new DateOnly(2026, 1, 15), 4), new DailyCount(new DateOnly(2026, 1, 16), 0)]));

        var bars = chart.FindAll("[data-test=chart-bar]");
        Assert.Equal(["2026-01-14", "2026-01-15", "2026-01-16"], bars.Select(b => b.GetAttribute("data-day")));
        var heights = bars.Select(b => int.Parse(b.QuerySelector("rect")!.GetAttribute("height")!)).ToList();
        Assert.Equal([60, 120, 0], heights);
        Assert.Equal("2026-01-14: 2, 2026-01-15: 4, 2026-01-16: 0", chart.Find("desc").TextContent);
        Assert.Equal("img", chart.Find("svg").GetAttribute("role"));
    }

    [Fact]
    public void Render_AllZero_ShowsTheEmptyStateInsteadOfAChart()
    {
        var chart = Render<TokensPerDayChart>(ps => ps.Add(p => p.Days, [new DailyCount(new DateOnly(2026, 1, 15), 0), new DailyCount(new DateOnly(2026, 1, 16), 0)]));

        Assert.Contains("No activity yet", chart.Find("[data-test=chart-empty]").TextContent);
        Assert.Empty(chart.FindAll("svg"));
    }

    [Fact]
    public void Render_Days_HasACountAxisFromZeroToTheHighestDay()
    {
        var chart = Render<TokensPerDayChart>(ps => ps.Add(p => p.Days,
            [new DailyCount(new DateOnly(2026, 1, 14), 3), new DailyCount(new DateOnly(2026, 1, 15), 8)]));

        Assert.Equal(["0", "4", "8"], chart.FindAll("[data-test=chart-tick]").Select(t => t.TextContent));
        Assert.Equal(2 + 3, chart.FindAll("[data-test=chart-axis] line").Count); // the two axes and a mark per tick
        Assert.Empty(chart.FindAll("[data-test=chart-empty]"));
    }
}
