using OAuthPortal.Cli;

namespace OAuthPortal.Tests.Cli;

/// <summary>The list commands' table: what strangers typed cannot drive the operator's terminal.</summary>
public sealed class TextTableTests
{
    [Theory]
    [InlineData("evil\u001b]0;owned\u0007@example.test", "evil\\u001B]0;owned\\u0007@example.test")]
    [InlineData("abc\u202Edef", "abc\\u202Edef")]
    [InlineData("two\r\nlines", "two lines")]
    [InlineData("plain é ü 漢", "plain é ü 漢")]
    public void Render_ControlAndFormatCharacters_ShownEscaped(string cell, string shown)
    {
        var text = TextTable.Render(["A", "B"], [[cell, "x"]], "none");

        Assert.Equal(shown, text.Split(Environment.NewLine)[1].Split("  ")[0].TrimEnd());
        Assert.DoesNotContain('\u001b', text);
    }
}
