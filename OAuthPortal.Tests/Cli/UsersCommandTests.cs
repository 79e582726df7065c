using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

public sealed class UsersCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<IList<string>?> RolesOfAsync(string email) => factory.WithScopeAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<PortalUser>>();
        return await users.FindByEmailAsync(email) is { } user ? await users.GetRolesAsync(user) : null;
    });

    [Fact]
    public async Task UsersCreate_ValidInput_CreatesAUserWhoCanSignIn()
    {
        var email = Unique.Email();

        var run = await CliRunner.RunAsync(factory, "users", "create", "--email", email, "--password", TestUsers.Password);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"Created user {email}", run.Output);
        Assert.Empty((await RolesOfAsync(email))!);
        await SignIn.ClientForAsync(factory, email);
    }

    [Fact]
    public async Task UsersCreate_AdminFlag_GivesTheAdminRole()
    {
        var email = Unique.Email();

        var run = await CliRunner.RunAsync(factory, "users", "create", "--email", email, "--password", TestUsers.Password, "--admin");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("with role Admin", run.Output);
        Assert.Equal([PortalRoles.Admin], (await RolesOfAsync(email))!);
        Assert.Equal("cli", await AdminGrantActorAsync(factory, email));
    }

    [Fact]
    public async Task UsersCreate_DuplicateEmail_FailsWithOneLine()
    {
        var email = Unique.Email();
        await CliRunner.RunAsync(factory, "users", "create", "--email", email, "--password", TestUsers.Password);

        var run = await CliRunner.RunAsync(factory, "users", "create", "--email", email, "--password", TestUsers.Password);

        CliRunner.AssertOneLineError(run, "is already taken");
    }

    [Theory]
    [InlineData("short", "at least 6 characters")]
    [InlineData("alllowercase1!", "uppercase")]
    [InlineData("NoDigitsHere!", "digit")]
    public async Task UsersCreate_WeakPassword_FailsWithOneLineAndCreatesNobody(string password, string expected)
    {
        var email = Unique.Email();

        var run = await CliRunner.RunAsync(factory, "users", "create", "--email", email, "--password", password);

        CliRunner.AssertOneLineError(run, expected);
        Assert.Null(await RolesOfAsync(email));
    }

    [Fact]
    public async Task UsersCreate_InvalidEmail_FailsWithOneLine()
    {
        var run = await CliRunner.RunAsync(factory, "users", "create", "--email", "not-an-email", "--password", TestUsers.Password);

        CliRunner.AssertOneLineError(run, "is invalid");
    }

    [Fact]
    public async Task UsersCreate_NoPasswordOptionNorInput_FailsWithOneLineAndCreatesNobody()
    {
        var email = Unique.Email();

        var run = await CliRunner.RunAsync(factory, "users", "create", "--email", email);

        CliRunner.AssertOneLineError(run, "No password on standard input");
        Assert.Null(await RolesOfAsync(email));
    }

    [Fact]
    public async Task UsersCreate_PasswordOnStandardInput_CreatesAUserWhoCanSignIn()
    {
        var email = Unique.Email();

        var run = await CliRunner.RunWithInputAsync(factory, TestUsers.Password + "\n", "users", "create", "--email", email);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        await SignIn.ClientForAsync(factory, email);
    }

    [Fact]
    public async Task UsersCreate_AdminFlagOnAPortalWithFirstRunAdmin_Succeeds()
    {
        using var firstRun = PortalFactory.With(new Dictionary<string, string?> { ["Portal:FirstUserBecomesAdmin"] = "true" });
        var admin = Unique.Email();
        var plain = Unique.Email();

        var first = await CliRunner.RunAsync(firstRun, "users", "create", "--email", admin, "--password", TestUsers.Password, "--admin");
        var second = await CliRunner.RunAsync(firstRun, "users", "create", "--email", plain, "--password", TestUsers.Password);

        Assert.Equal((0, ""), (first.ExitCode, first.Error));
        Assert.Equal((0, ""), (second.ExitCode, second.Error));
        Assert.Contains("with role Admin", first.Output);
        Assert.DoesNotContain("Admin", second.Output);
    }

    /// <summary>Who the audit log says granted <paramref name="email"/> the Admin role (null: no entry).</summary>
    internal static Task<string?> AdminGrantActorAsync(PortalFactory factory, string email) => factory.WithScopeAsync(s =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            s.GetRequiredService<PortalDbContext>().AuditEvents
                .Where(e => e.Action == AuditAction.AdminRoleGranted && e.Target == "user:" + email).Select(e => e.Actor)));
}
