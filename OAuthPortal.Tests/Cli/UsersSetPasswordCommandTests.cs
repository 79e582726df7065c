using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.Identity;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

/// <summary><c>users set-password</c>: the password comes from standard input, never from the arguments.</summary>
public sealed class UsersSetPasswordCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string NewPassword = "N3w-Stapl3-Battery!";

    private Task<bool> HasPasswordAsync(PortalUser user, string password) => factory.WithScopeAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<PortalUser>>();
        return await users.CheckPasswordAsync((await users.FindByIdAsync(user.Id))!, password);
    });

    private Task<string> StartSessionAsync(PortalUser user) =>
        factory.WithScopeAsync(s => s.GetRequiredService<UserSessions>().StartAsync(user.Id, "127.0.0.1", "test"));

    private Task<DateTime?> EndedAtAsync(string session) => factory.WithScopeAsync(s =>
        s.GetRequiredService<PortalDbContext>().UserSessions.Where(x => x.Id == session).Select(x => x.EndedAt).SingleAsync());

    [Fact]
    public async Task UsersSetPassword_PasswordOnStandardInput_ReplacesItEndsSessionsAndAudits()
    {
        var user = await TestUsers.CreateAsync(factory);
        var session = await StartSessionAsync(user);

        var run = await CliRunner.RunWithInputAsync(factory, NewPassword + "\n", "users", "set-password", "--email", user.Email!);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal($"Set the password of {user.Email}; their sign-in sessions have ended.", run.Output.Trim());
        Assert.DoesNotContain(NewPassword, run.Output);
        Assert.True(await HasPasswordAsync(user, NewPassword));
        Assert.False(await HasPasswordAsync(user, TestUsers.Password));
        Assert.NotNull(await EndedAtAsync(session));
        Assert.Equal("cli", await UsersAdminCommandTests.AuditActorAsync(factory, AuditAction.UserPasswordSet, $"user:{user.Email}"));
    }

    [Fact]
    public async Task UsersSetPassword_AccountLockedBySignInThrottle_NewPasswordWorksAtOnce()
    {
        var user = await TestUsers.CreateAsync(factory);
        var lockedBefore = await factory.WithScopeAsync(async s =>
        {
            var throttle = s.GetRequiredService<SignInThrottle>();
            var limit = s.GetRequiredService<IOptions<PortalOptions>>().Value.MaxFailedAccessAttemptsPerAccount;
            for (var i = 0; i < limit; i++)
            {
                // Each attempt from another address: only the account-wide counter reaches its limit.
                var source = new IPAddress([10, 9, (byte)(i / 250), (byte)(i % 250 + 1)]);
                await throttle.TryBeginAsync(user.Email!, source, trustedDevice: false);
                await throttle.FailedAsync(user.Email!, source, trustedDevice: false);
            }

            return !await throttle.TryBeginAsync(user.Email!, IPAddress.Parse("192.0.2.200"), trustedDevice: false);
        });

        await CliRunner.RunWithInputAsync(factory, NewPassword + "\n", "users", "set-password", "--email", user.Email!);

        var admittedAfter = await factory.WithScopeAsync(s =>
            s.GetRequiredService<SignInThrottle>().TryBeginAsync(user.Email!, IPAddress.Parse("192.0.2.201"), trustedDevice: false));
        Assert.True(lockedBefore);
        Assert.True(admittedAfter);
    }

    [Fact]
    public async Task UsersSetPassword_ById_SetsThePassword()
    {
        var user = await TestUsers.CreateAsync(factory);

        var run = await CliRunner.RunWithInputAsync(factory, NewPassword, "users", "set-password", "--id", user.Id);

        Assert.Equal(0, run.ExitCode);
        Assert.True(await HasPasswordAsync(user, NewPassword));
    }

    [Theory]
    [InlineData("short", "at least 6 characters")]
    [InlineData("alllowercase1!", "uppercase")]
    [InlineData("NoDigitsHere!", "digit")]
    public async Task UsersSetPassword_WeakPassword_FailsWithOneLineAndKeepsPasswordAndSessions(string password, string expected)
    {
        var user = await TestUsers.CreateAsync(factory);
        var session = await StartSessionAsync(user);

        var run = await CliRunner.RunWithInputAsync(factory, password + "\n", "users", "set-password", "--email", user.Email!);

        CliRunner.AssertOneLineError(run, expected);
        Assert.True(await HasPasswordAsync(user, TestUsers.Password));
        Assert.Null(await EndedAtAsync(session));
    }

    [Fact]
    public async Task UsersSetPassword_EmptyStandardInput_FailsWithOneLine()
    {
        var user = await TestUsers.CreateAsync(factory);

        var run = await CliRunner.RunWithInputAsync(factory, "", "users", "set-password", "--email", user.Email!);

        CliRunner.AssertOneLineError(run, "No password on standard input");
        Assert.True(await HasPasswordAsync(user, TestUsers.Password));
    }

    [Fact]
    public async Task UsersSetPassword_PasswordAsAnArgument_IsRefusedAsUnknown()
    {
        var user = await TestUsers.CreateAsync(factory);

        var run = await CliRunner.RunWithInputAsync(factory, "", "users", "set-password", "--email", user.Email!, "--password", NewPassword);

        CliRunner.AssertOneLineError(run, "--password");
        Assert.True(await HasPasswordAsync(user, TestUsers.Password));
    }
}
