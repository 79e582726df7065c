using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Registration;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

/// <summary><c>registration-tokens create | list | revoke</c>: initial access tokens from the command line.</summary>
public sealed class RegistrationTokensCommandTests(RegistrationPortal portal) : IClassFixture<RegistrationPortal>
{
    private PortalFactory Factory => portal.Factory;

    private Task<CliRun> RunAsync(params string[] args) => CliRunner.RunAsync(Factory, ["registration-tokens", .. args]);

    private Task<InitialAccessToken?> FindUsableAsync(string token) =>
        Factory.WithScopeAsync(s => s.GetRequiredService<InitialAccessTokens>().FindUsableAsync(token));

    [Fact]
    public async Task Create_Json_PrintsATokenThatIsUsable()
    {
        var owner = await TestUsers.CreateAsync(Factory);

        var run = await RunAsync("create", "--owner", owner.Email!, "--name", "CI", "--json");

        Assert.Equal(0, run.ExitCode);
        var token = JsonSerializer.Deserialize<JsonElement>(run.Output).GetProperty("token").GetString()!;
        var found = await FindUsableAsync(token);
        Assert.NotNull(found);
        Assert.Equal(owner.Id, found.OwnerId);
        Assert.Equal("CI", found.Name);
        Assert.False(found.MultiUse);
        Assert.Equal(PortalFactory.Start.UtcDateTime.AddDays(1), found.ExpiresAt);
    }

    [Fact]
    public async Task Create_OptionsGiven_AreStoredAndTheDefaultNameNamesTheDate()
    {
        var owner = await TestUsers.CreateAsync(Factory);

        var run = await RunAsync("create", "--owner", owner.Email!, "--multi-use", "--expires", "7.00:00:00",
            "--grant-types", "client_credentials, authorization_code", "--json");

        Assert.Equal(0, run.ExitCode);
        var found = (await FindUsableAsync(JsonSerializer.Deserialize<JsonElement>(run.Output).GetProperty("token").GetString()!))!;
        Assert.True(found.MultiUse);
        Assert.Equal(50, found.MaxClients);
        Assert.Equal(PortalFactory.Start.UtcDateTime.AddDays(7), found.ExpiresAt);
        Assert.Equal("authorization_code client_credentials", found.AllowedGrantTypes);
        Assert.Equal("CLI token 2026-01-15 09:00 UTC", found.Name);
    }

    [Fact]
    public async Task Create_Text_PrintsTheTokenOnceWithAWarningAndTheEndpoint()
    {
        var owner = await TestUsers.CreateAsync(Factory);

        var run = await RunAsync("create", "--owner", owner.Email!);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"(?m)^token:\s+[A-Za-z0-9_-]{43}$", run.Output);
        Assert.Contains("shown only this once", run.Output);
        Assert.Contains("POST /oauth2/register", run.Output);
    }

    [Fact]
    public async Task Create_UnknownOwner_FailsWithOneLine()
    {
        var run = await RunAsync("create", "--owner", Unique.Email("ghost"), "--json");

        CliRunner.AssertOneLineError(run, "No user has the e-mail address");
        Assert.Empty(run.Output);
    }

    [Theory]
    [InlineData("tomorrow", "--expires: 'tomorrow' is not a duration")]
    [InlineData("1 day", "--expires: '1 day' is not a duration")]
    [InlineData("00:00:00", "--expires: The lifetime must be longer than zero")]
    [InlineData("-1.00:00:00", "--expires: The lifetime must be longer than zero")]
    [InlineData("90.00:00:01", "--expires: The lifetime must be at most 90 days")]
    public async Task Create_BadExpires_FailsWithOneLineAndCreatesNothing(string expires, string expected)
    {
        var owner = await TestUsers.CreateAsync(Factory);

        var run = await RunAsync("create", "--owner", owner.Email!, "--expires", expires);

        CliRunner.AssertOneLineError(run, expected);
        Assert.False(await Factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().InitialAccessTokens.AnyAsync(t => t.OwnerId == owner.Id)));
    }

    [Fact]
    public async Task Create_UnsupportedGrantType_FailsNamingTheOption()
    {
        var owner = await TestUsers.CreateAsync(Factory);

        var run = await RunAsync("create", "--owner", owner.Email!, "--grant-types", "password");

        CliRunner.AssertOneLineError(run, "--grant-types: Unsupported grant type(s): password");
    }

    [Fact]
    public async Task List_Json_ShowsTheOwnersTokensWithoutTheirValues()
    {
        var owner = await TestUsers.CreateAsync(Factory);
        var created = JsonSerializer.Deserialize<JsonElement>((await RunAsync("create", "--owner", owner.Email!, "--name", "Listed", "--json")).Output);

        var run = await RunAsync("list", "--owner", owner.Email!, "--json");

        Assert.Equal(0, run.ExitCode);
        var item = Assert.Single(JsonSerializer.Deserialize<JsonElement[]>(run.Output)!);
        Assert.Equal(created.GetProperty("id").GetInt64(), item.GetProperty("id").GetInt64());
        Assert.Equal("Listed", item.GetProperty("name").GetString());
        Assert.Equal("active", item.GetProperty("status").GetString());
        Assert.False(item.TryGetProperty("token", out _));
        Assert.DoesNotContain(created.GetProperty("token").GetString()!, run.Output);
    }

    [Fact]
    public async Task Revoke_OwnToken_MakesItUnusableAndListsItRevoked()
    {
        var owner = await TestUsers.CreateAsync(Factory);
        var created = JsonSerializer.Deserialize<JsonElement>((await RunAsync("create", "--owner", owner.Email!, "--json")).Output);
        var id = created.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var run = await RunAsync("revoke", "--owner", owner.Email!, "--id", id);

        Assert.Equal(0, run.ExitCode);
        Assert.Null(await FindUsableAsync(created.GetProperty("token").GetString()!));
        Assert.Matches($@"(?m)^{id}\s+revoked\s", (await RunAsync("list", "--owner", owner.Email!)).Output);
    }

    [Fact]
    public async Task Revoke_AnotherOwnersToken_FailsAndLeavesItUsable()
    {
        var owner = await TestUsers.CreateAsync(Factory);
        var other = await TestUsers.CreateAsync(Factory);
        var created = JsonSerializer.Deserialize<JsonElement>((await RunAsync("create", "--owner", owner.Email!, "--json")).Output);

        var run = await RunAsync("revoke", "--owner", other.Email!, "--id", created.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));

        CliRunner.AssertOneLineError(run, "has no unrevoked initial access token");
        Assert.NotNull(await FindUsableAsync(created.GetProperty("token").GetString()!));
    }
}
