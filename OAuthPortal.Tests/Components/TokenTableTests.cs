using Bunit;
using OAuthPortal.Components;

namespace OAuthPortal.Tests.Components;

public sealed class TokenTableTests : BunitContext
{
    private static readonly DateTime At = new(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc);

    private static TokenRow Row(long id, string status) => new(id, "Billing", "abc", "u@example.test", "profile", At, At.AddHours(1), status);

    [Fact]
    public void Render_NoTokens_SaysSo()
    {
        Assert.NotEmpty(Render<TokenTable>(ps => ps.Add(p => p.Tokens, [])).FindAll("[data-test=tokens-empty]"));
    }

    [Fact]
    public void Render_Rows_ShowEachTokenWithoutAnyValueAndARevokeFormOnlyForActiveOnes()
    {
        var table = Render<TokenTable>(ps => ps
            .Add(p => p.Tokens, [Row(1, "Active"), Row(2, "Revoked"), Row(3, "Expired")])
            .Add(p => p.RevokeAction, "/Admin/Tokens?handler=Revoke")
            .Add(p => p.AntiforgeryToken, "xsrf"));

        var rows = table.FindAll("[data-test=token-row]");
        Assert.Equal(["active", "revoked", "expired"], rows.Select(r => r.GetAttribute("data-status")));
        var form = Assert.Single(table.FindAll("form"));
        Assert.Equal("/Admin/Tokens?handler=Revoke", form.GetAttribute("action"));
        Assert.Equal("1", form.QuerySelector("input[name=tokenId]")!.GetAttribute("value"));
        Assert.Equal("xsrf", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        Assert.Contains("2026-01-15 09:00", rows[0].TextContent);
    }

    [Fact]
    public void Render_WithoutRevokeAction_HasNoForms()
    {
        var table = Render<TokenTable>(ps => ps.Add(p => p.Tokens, [Row(1, "Active")]));

        Assert.Empty(table.FindAll("form"));
    }
}
