using Bunit;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Management.Tokens;

namespace OAuthPortal.Tests.Components;

public sealed class TokenTableTests : BunitContext
{
    private static readonly DateTime At = new(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc);

    private static TokenRow Row(long id, string status) => new(id, "Billing", "abc", "u@example.test", "profile", At, At.AddHours(1), status, "authorization code");

    private static TokenRow MachineRow(long id, string status) => new(id, "Nightly export", "svc", null, "status", At, At.AddHours(1), status, "client credentials");

    [Fact]
    public void Render_NoTokens_SaysSo()
    {
        Assert.NotEmpty(Render<TokenTable>(ps => ps.Add(p => p.Tokens, [])).FindAll("[data-test=tokens-empty]"));
    }

    [Fact]
    public void Render_Rows_ShowEachTokenWithoutAnyValueAndARevokeLinkOnlyForActiveOnes()
    {
        var table = Render<TokenTable>(ps => ps
            .Add(p => p.Tokens, [Row(1, "Active"), Row(2, "Revoked"), Row(3, "Expired")])
            .Add(p => p.RevokeAction, "/Admin/Tokens?handler=Revoke"));

        var rows = table.FindAll("[data-test=token-row]");
        Assert.Equal(["active", "revoked", "expired"], rows.Select(r => r.GetAttribute("data-status")));
        var link = Assert.Single(table.FindAll("[data-test=revoke-token]"));
        Assert.Equal("/Admin/Tokens?handler=Revoke&tokenId=1", link.GetAttribute("href"));
        Assert.Empty(table.FindAll("form"));
        Assert.Contains("2026-01-15 09:00", rows[0].TextContent);
    }

    [Fact]
    public void Render_WithoutRevokeAction_HasNoRevokeLinks()
    {
        var table = Render<TokenTable>(ps => ps.Add(p => p.Tokens, [Row(1, "Active")]));

        Assert.Empty(table.FindAll("[data-test=revoke-token]"));
    }

    [Fact]
    public void Render_DpopBoundToken_IsMarkedAndABearerTokenIsNot()
    {
        var table = Render<TokenTable>(ps => ps.Add(p => p.Tokens, [Row(1, "Active") with { DpopBound = true }, Row(2, "Active")]));

        var rows = table.FindAll("[data-test=token-row]");
        Assert.Equal("DPoP", rows[0].QuerySelector("[data-test=dpop-bound]")!.TextContent);
        Assert.Null(rows[1].QuerySelector("[data-test=dpop-bound]"));
    }

    [Fact]
    public void Render_MachineToken_ShowsTheClientAsItsHolderWithAMachineMarker()
    {
        var table = Render<TokenTable>(ps => ps.Add(p => p.Tokens, [MachineRow(7, "Active"), Row(8, "Active")]));

        var rows = table.FindAll("[data-test=token-row]");
        Assert.Equal(["machine", "user"], rows.Select(r => r.GetAttribute("data-holder")));
        rows[0].QuerySelector("[data-test=token-holder]")!.MarkupMatches(
            """<td data-test="token-holder"><span class="badge text-bg-info" data-test="machine-token">machine</span> client Nightly export</td>""");
        Assert.Equal("client credentials", rows[0].QuerySelector("[data-test=token-grant]")!.TextContent);
        Assert.Null(rows[1].QuerySelector("[data-test=machine-token]"));
        Assert.Equal("u@example.test", rows[1].QuerySelector("[data-test=token-holder]")!.TextContent);
    }

    [Fact]
    public void Render_ActiveMachineToken_HasARevokeLinkNamingItsClient()
    {
        var table = Render<TokenTable>(ps => ps
            .Add(p => p.Tokens, [MachineRow(7, "Active")])
            .Add(p => p.RevokeAction, "/Admin/Tokens?handler=Revoke"));

        var link = Assert.Single(table.FindAll("[data-test=revoke-token]"));
        Assert.EndsWith("tokenId=7", link.GetAttribute("href"));
        Assert.Equal("Revoke token 7 of client Nightly export", link.GetAttribute("aria-label"));
    }

    [Theory]
    [InlineData(null, null, GrantKind.ClientCredentials, null, "client credentials")]
    [InlineData("u1", "u@example.test", GrantKind.DeviceCode, "u@example.test", "device")]
    [InlineData("u1", "u@example.test", GrantKind.AuthorizationCode, "u@example.test", "authorization code")]
    [InlineData("u1", null, GrantKind.AuthorizationCode, "u1", "authorization code")]
    public void From_SearchResult_HolderIsTheUserOrNoneAndTheGrantIsNamed(string? userId, string? email, GrantKind kind, string? user, string grant)
    {
        var row = TokenRow.From(new TokenListItem(
            3, "svc", "Nightly export", userId, email, "status", At, At.AddHours(1), null, TokenStatus.Active, null, null, kind));

        Assert.Equal((user, user is null, grant, "Active"), (row.User, row.IsMachine, row.Grant, row.Status));
    }
}
