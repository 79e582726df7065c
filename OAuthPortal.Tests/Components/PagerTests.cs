using Bunit;
using OAuthPortal.Components;

namespace OAuthPortal.Tests.Components;

public sealed class PagerTests : BunitContext
{
    private IRenderedComponent<Pager> Pager(int current, int total) => Render<Pager>(ps => ps
        .Add(p => p.CurrentPage, current).Add(p => p.TotalPages, total).Add(p => p.TotalCount, total * 25)
        .Add(p => p.PageUrl, page => $"/list?p={page}"));

    [Fact]
    public void Render_OnePage_RendersNothing()
    {
        Assert.Empty(Pager(1, 1).Markup.Trim());
    }

    [Fact]
    public void Render_MiddleOfMany_ShowsPrevNextAndAWindowOfFive()
    {
        var pager = Pager(6, 10);

        Assert.Equal("/list?p=5", pager.Find("[data-test=pager-prev]").GetAttribute("href"));
        Assert.Equal("/list?p=7", pager.Find("[data-test=pager-next]").GetAttribute("href"));
        Assert.Equal("6", pager.Find("[data-test=pager-current]").TextContent);
        Assert.Equal("page", pager.Find("[data-test=pager-current]").GetAttribute("aria-current"));
        Assert.Equal(["4", "5", "7", "8"], pager.FindAll("[data-test=pager-page]").Select(a => a.TextContent));
    }

    [Fact]
    public void Render_FirstAndLastPage_DisableTheEnds()
    {
        Assert.Empty(Pager(1, 3).FindAll("[data-test=pager-prev]"));
        Assert.Empty(Pager(3, 3).FindAll("[data-test=pager-next]"));
        Assert.Equal(["1", "2"], Pager(3, 3).FindAll("[data-test=pager-page]").Select(a => a.TextContent));
    }
}
