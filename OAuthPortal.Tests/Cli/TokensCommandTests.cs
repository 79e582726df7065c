using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

/// <summary><c>tokens list|revoke</c>.</summary>
public sealed class TokensCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(PortalUser User, string ClientId)> UserWithClientAsync()
    {
        var user = await TestUsers.CreateAsync(factory);
        return (user, (await TestClients.RegisterAsync(factory, user.Id)).ClientId);
    }

    private Task<long> IdOfAsync(string accessToken) => TestTokens.ByAccessTokenAsync(factory, accessToken).ContinueWith(t => t.Result!.Id);

    private static List<JsonElement> Parse(CliRun run) => JsonSerializer.Deserialize<JsonElement>(run.Output).EnumerateArray().ToList();

    [Fact]
    public async Task TokensList_UserJson_ListsOnlyThatUsersTokensNewestFirstWithoutValues()
    {
        var (user, clientId) = await UserWithClientAsync();
        var (other, _) = await UserWithClientAsync();
        var first = await TestTokens.IssueAsync(factory, clientId, user.Id);
        var second = await TestTokens.IssueAsync(factory, clientId, user.Id);
        await TestTokens.IssueAsync(factory, clientId, other.Id);

        var run = await CliRunner.RunAsync(factory, "tokens", "list", "--user", user.Email!, "--json");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        var tokens = Parse(run);
        Assert.Equal([await IdOfAsync(second.AccessToken), await IdOfAsync(first.AccessToken)], tokens.Select(t => t.GetProperty("id").GetInt64()));
        Assert.All(tokens, t =>
        {
            Assert.Equal(user.Email, t.GetProperty("user").GetString());
            Assert.Equal(clientId, t.GetProperty("client_id").GetString());
            Assert.Equal("active", t.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Array, t.GetProperty("scopes").ValueKind);
        });
        Assert.DoesNotContain(first.AccessToken, run.Output);
        Assert.DoesNotContain(first.RefreshToken!, run.Output);
    }

    [Fact]
    public async Task TokensList_ClientAndActive_ListsOnlyThatClientsActiveTokensAsATable()
    {
        var (user, clientId) = await UserWithClientAsync();
        var (_, otherClient) = await UserWithClientAsync();
        var kept = await TestTokens.IssueAsync(factory, clientId, user.Id);
        var revoked = await TestTokens.IssueAsync(factory, clientId, user.Id);
        await TestTokens.IssueAsync(factory, otherClient, user.Id);
        await CliRunner.RunAsync(factory, "tokens", "revoke", "--token", $"{await IdOfAsync(revoked.AccessToken)}");

        var all = await CliRunner.RunAsync(factory, "tokens", "list", "--client", clientId, "--json");
        var active = await CliRunner.RunAsync(factory, "tokens", "list", "--client", clientId, "--active");

        Assert.Equal(["active", "revoked"], Parse(all).Select(t => t.GetProperty("status").GetString()).Order());
        Assert.Matches(@"^ID\s+STATUS\s+CLIENT_ID\s+USER\s+CREATED\s+EXPIRES\s+SCOPES", active.Output);
        Assert.Matches($@"(?m)^{await IdOfAsync(kept.AccessToken)}\s+active\s+{clientId}\s+{user.Email}\s", active.Output);
        Assert.Equal(2, active.Output.Trim().Split('\n').Length);
    }

    [Fact]
    public async Task TokensList_MoreThanTheLimit_ShowsTheNewestAndSaysHowManyThereAre()
    {
        var (user, clientId) = await UserWithClientAsync();
        await TestTokens.IssueAsync(factory, clientId, user.Id);
        var middle = await TestTokens.IssueAsync(factory, clientId, user.Id);
        var newest = await TestTokens.IssueAsync(factory, clientId, user.Id);

        var limited = await CliRunner.RunAsync(factory, "tokens", "list", "--client", clientId, "--limit", "2", "--json");
        var all = await CliRunner.RunAsync(factory, "tokens", "list", "--client", clientId, "--limit", "0", "--json");
        var negative = await CliRunner.RunAsync(factory, "tokens", "list", "--limit", "-1");

        Assert.Equal([await IdOfAsync(newest.AccessToken), await IdOfAsync(middle.AccessToken)], Parse(limited).Select(t => t.GetProperty("id").GetInt64()));
        Assert.Equal("The newest 2 of 3 are shown; --limit N shows more, --limit 0 all.", limited.Error.Trim());
        Assert.Equal(3, Parse(all).Count());
        Assert.Equal("", all.Error);
        CliRunner.AssertOneLineError(negative, "--limit must be 0 (all) or more.");
    }

    [Theory]
    [InlineData("--user", "nobody@example.test", "No user has the e-mail address 'nobody@example.test'")]
    [InlineData("--client", "no-such-client", "No client has the client_id 'no-such-client'")]
    public async Task TokensListAndRevoke_UnknownUserOrClient_FailWithOneLine(string option, string value, string expected)
    {
        var list = await CliRunner.RunAsync(factory, "tokens", "list", option, value);
        var revoke = await CliRunner.RunAsync(factory, "tokens", "revoke", option, value);

        CliRunner.AssertOneLineError(list, expected);
        CliRunner.AssertOneLineError(revoke, expected);
    }

    [Fact]
    public async Task TokensRevoke_RefreshTokenValueOnStandardInput_RevokesItsTokenOnlyAndAudits()
    {
        var (user, clientId) = await UserWithClientAsync();
        var target = await TestTokens.IssueAsync(factory, clientId, user.Id);
        var other = await TestTokens.IssueAsync(factory, clientId, user.Id);

        var run = await CliRunner.RunWithInputAsync(factory, target.RefreshToken! + "\n", "tokens", "revoke", "--token", "-");

        var id = await IdOfAsync(target.AccessToken);
        Assert.Equal((0, $"Revoked token {id}."), (run.ExitCode, run.Output.Trim()));
        Assert.True(await TestTokens.IsRevokedAsync(factory, target.AccessToken));
        Assert.False(await TestTokens.IsRevokedAsync(factory, other.AccessToken));
        Assert.Equal("cli", await UsersAdminCommandTests.AuditActorAsync(factory, AuditAction.TokenRevoked, $"token:{id} of client:{clientId}"));
    }

    [Fact]
    public async Task TokensRevoke_SameTokenTwice_SaysItWasAlreadyRevoked()
    {
        var (user, clientId) = await UserWithClientAsync();
        var token = await TestTokens.IssueAsync(factory, clientId, user.Id);
        await CliRunner.RunWithInputAsync(factory, token.AccessToken, "tokens", "revoke", "--token", "-");

        var again = await CliRunner.RunAsync(factory, "tokens", "revoke", "--token", $"{await IdOfAsync(token.AccessToken)}");

        Assert.Equal((0, $"Token {await IdOfAsync(token.AccessToken)} was already revoked."), (again.ExitCode, again.Output.Trim()));
    }

    [Fact]
    public async Task TokensRevoke_User_RevokesEveryTokenOfTheUserOnly()
    {
        var (user, clientId) = await UserWithClientAsync();
        var (other, _) = await UserWithClientAsync();
        var first = await TestTokens.IssueAsync(factory, clientId, user.Id);
        var second = await TestTokens.IssueAsync(factory, clientId, user.Id);
        var kept = await TestTokens.IssueAsync(factory, clientId, other.Id);

        var run = await CliRunner.RunAsync(factory, "tokens", "revoke", "--user", user.Email!);

        Assert.Equal((0, $"Revoked 2 token(s) of {user.Email}."), (run.ExitCode, run.Output.Trim()));
        Assert.True(await TestTokens.IsRevokedAsync(factory, first.AccessToken));
        Assert.True(await TestTokens.IsRevokedAsync(factory, second.AccessToken));
        Assert.False(await TestTokens.IsRevokedAsync(factory, kept.AccessToken));
    }

    [Fact]
    public async Task TokensRevoke_Client_RevokesEveryTokenOfTheClientOnly()
    {
        var (user, clientId) = await UserWithClientAsync();
        var (_, otherClient) = await UserWithClientAsync();
        var revoked = await TestTokens.IssueAsync(factory, clientId, user.Id);
        var kept = await TestTokens.IssueAsync(factory, otherClient, user.Id);

        var run = await CliRunner.RunAsync(factory, "tokens", "revoke", "--client", clientId);

        Assert.Equal((0, $"Revoked 1 token(s) of client {clientId}."), (run.ExitCode, run.Output.Trim()));
        Assert.True(await TestTokens.IsRevokedAsync(factory, revoked.AccessToken));
        Assert.False(await TestTokens.IsRevokedAsync(factory, kept.AccessToken));
    }

    [Theory]
    [InlineData()]
    [InlineData("--user", "a@example.test", "--client", "x")]
    [InlineData("--token", "t", "--user", "a@example.test")]
    [InlineData("--token", "t", "--user", "a@example.test", "--client", "x")]
    public async Task TokensRevoke_NotExactlyOneOption_FailsWithOneLine(params string[] options)
    {
        var run = await CliRunner.RunAsync(factory, ["tokens", "revoke", .. options]);

        CliRunner.AssertOneLineError(run, "Give exactly one of --token, --user, --client.");
    }

    [Fact]
    public async Task TokensRevoke_UnknownTokenValue_FailsWithOneLine()
    {
        var run = await CliRunner.RunWithInputAsync(factory, "not-a-token-the-portal-issued", "tokens", "revoke", "--token", "-");

        CliRunner.AssertOneLineError(run, "No token has that value.");
    }

    [Fact]
    public async Task TokensRevoke_UnknownId_FailsWithOneLine()
    {
        var run = await CliRunner.RunAsync(factory, "tokens", "revoke", "--token", "987654321");

        CliRunner.AssertOneLineError(run, "No token has the ID 987654321.");
    }

    [Fact]
    public async Task TokensRevoke_TokenValueOnTheCommandLine_RefusedAndNothingRevoked()
    {
        var (user, clientId) = await UserWithClientAsync();
        var token = await TestTokens.IssueAsync(factory, clientId, user.Id);

        var run = await CliRunner.RunAsync(factory, "tokens", "revoke", "--token", token.AccessToken);

        CliRunner.AssertOneLineError(run, "--token takes the token's ID from 'tokens list', or - with the token value on standard input");
        Assert.False(await TestTokens.IsRevokedAsync(factory, token.AccessToken));
    }

    [Fact]
    public async Task TokensRevoke_DashWithNothingOnStandardInput_FailsWithOneLine()
    {
        var run = await CliRunner.RunAsync(factory, "tokens", "revoke", "--token", "-");

        CliRunner.AssertOneLineError(run, "No token value on standard input");
    }
}
