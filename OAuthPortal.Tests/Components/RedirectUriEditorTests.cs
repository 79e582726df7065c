using Bunit;
using OAuthPortal.Components;

namespace OAuthPortal.Tests.Components;

public sealed class RedirectUriEditorTests : BunitContext
{
    [Fact]
    public void Render_Value_IsOneUriPerLineInANamedTextarea()
    {
        var editor = Render<RedirectUriEditor>(ps => ps
            .Add(p => p.Name, "Input.RedirectUris")
            .Add(p => p.Value, "https://a.example/cb\nhttps://b.example/cb"));

        var textarea = editor.Find("textarea");
        Assert.Equal("Input.RedirectUris", textarea.GetAttribute("name"));
        Assert.Equal("https://a.example/cb\nhttps://b.example/cb", textarea.TextContent);
        Assert.DoesNotContain("is-invalid", textarea.ClassName);
        Assert.Empty(editor.FindAll("[data-test=redirect-uris-error]"));
        Assert.Equal(textarea.GetAttribute("aria-describedby"), editor.Find(".form-text").Id);
    }

    [Fact]
    public void Render_Errors_MarksTheFieldInvalidAndListsEach()
    {
        var editor = Render<RedirectUriEditor>(ps => ps
            .Add(p => p.Name, "x")
            .Add(p => p.Errors, ["'http://a/cb': must use https", "'b': must be absolute"]));

        Assert.Contains("is-invalid", editor.Find("textarea").ClassName);
        Assert.Equal(["'http://a/cb': must use https", "'b': must be absolute"], editor.FindAll("[data-test=redirect-uris-error]").Select(e => e.TextContent));
    }

    [Theory]
    [InlineData(true, "development portal")]
    [InlineData(false, "(native apps may then use any port).")]
    public void Render_HttpRule_FollowsTheSetting(bool allowsHttp, string expectedEnding)
    {
        var editor = Render<RedirectUriEditor>(ps => ps.Add(p => p.Name, "x").Add(p => p.AllowsHttp, allowsHttp));

        Assert.Contains(expectedEnding, editor.Find(".form-text").TextContent.Trim().ReplaceLineEndings(" "));
    }

    [Fact]
    public void Render_OptionalPostLogoutEditor_HasItsOwnLabelIdsAndCount()
    {
        var editor = Render<RedirectUriEditor>(ps => ps
            .Add(p => p.Name, "Input.PostLogoutRedirectUris")
            .Add(p => p.Id, "post-logout-redirect-uris")
            .Add(p => p.Label, "Post-logout redirect URIs")
            .Add(p => p.Optional, true)
            .Add(p => p.LoopbackAnyPort, false)
            .Add(p => p.Purpose, "Where users go after signing out.")
            .Add(p => p.Errors, ["'x': bad"]));

        Assert.Equal("Post-logout redirect URIs (optional)", System.Text.RegularExpressions.Regex.Replace(editor.Find("label[for=post-logout-redirect-uris]").TextContent, @"\s+", " ").Trim());
        Assert.Equal("Input.PostLogoutRedirectUris", editor.Find("[data-test=post-logout-redirect-uris-input]").GetAttribute("name"));
        Assert.Equal("'x': bad", editor.Find("[data-test=post-logout-redirect-uris-error]").TextContent);
        Assert.Empty(editor.FindAll("[data-test=redirect-uris-error]"));
        var help = editor.Find("#post-logout-redirect-uris-help").TextContent;
        Assert.Contains("Where users go after signing out.", help);
        Assert.Contains("up to 20", help);
        Assert.DoesNotContain("any port", help);
    }

    [Theory]
    [InlineData(null, "One per line, 1 to 20, matched exactly.")]
    [InlineData("with authorization_code", "One per line, 1 to 20 with authorization_code (otherwise none needed, up to 20), matched exactly.")]
    public void Render_RequiredWhen_SaysWhenAtLeastOneIsNeeded(string? requiredWhen, string expected)
    {
        var editor = Render<RedirectUriEditor>(ps => ps.Add(p => p.Name, "x").Add(p => p.RequiredWhen, requiredWhen));

        Assert.Contains(expected, System.Text.RegularExpressions.Regex.Replace(editor.Find(".form-text").TextContent, @"\s+", " "));
    }
}
