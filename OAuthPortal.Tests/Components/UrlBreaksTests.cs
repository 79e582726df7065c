using Bunit;
using OAuthPortal.Components;

namespace OAuthPortal.Tests.Components;

public sealed class UrlBreaksTests : BunitContext
{
    [Theory]
    [InlineData("https://app.example/cb", new[] { "https://", "app.example/", "cb" })]
    [InlineData("http://127.0.0.1:5000/Developer/Callback?x=1&y=2", new[] { "http://", "127.0.0.1:5000/", "Developer/", "Callback?", "x=", "1&", "y=", "2" })]
    [InlineData("plain", new[] { "plain" })]
    public void Parts_Url_SplitsAfterSlashesAndQuerySeparatorsKeepingEveryCharacter(string url, string[] parts)
    {
        Assert.Equal(parts, UrlBreaks.Parts(url));
        Assert.Equal(url, string.Concat(UrlBreaks.Parts(url)));
    }

    [Fact]
    public void RedirectUriList_LongUri_OffersBreaksBetweenPartsAndKeepsItsText()
    {
        var list = Render<RedirectUriList>(ps => ps.Add(p => p.Uris, ["https://photos.example.test/callback"]));

        var item = list.Find("[data-test=redirect-uri-item]");

        Assert.Equal("https://photos.example.test/callback", item.TextContent);
        Assert.Equal(2, item.QuerySelectorAll("wbr").Length); // https:// | photos.example.test/ | callback
    }
}
