using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management.Users;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Cluster;

/// <summary>
/// Who is Admin, decided by two portal instances on one database at the same moment: one first-run admin, and never
/// none left. Each test owns a fresh database, since "first" and "last" depend on it.
/// </summary>
public sealed class AdminRoleAcrossInstancesTests
{
    private static readonly Dictionary<string, string?> FirstUserBecomesAdmin = new() { ["Portal:FirstUserBecomesAdmin"] = "true" };

    private static async Task RegisterThroughThePageAsync(PortalFactory factory, string email)
    {
        var client = factory.CreateClient();
        var (_, page) = await Html.GetPageAsync(client, "/Identity/Account/Register");
        var response = await Html.SubmitAsync(client, page.Form("form#registerForm"), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = TestUsers.Password,
            ["Input.ConfirmPassword"] = TestUsers.Password,
        });
        Html.AssertStatus(System.Net.HttpStatusCode.Redirect, response);
    }

    private static Task<List<string>> AdminEmailsAsync(PortalFactory factory) => factory.WithScopeAsync(async s =>
        (await s.GetRequiredService<UserManager<PortalUser>>().GetUsersInRoleAsync(PortalRoles.Admin)).Select(u => u.Email!).ToList());

    private static Task<UserChangeResult> OnInstanceAsync(PortalFactory factory, Func<UserAdministration, Task<UserChangeResult>> change) =>
        factory.WithScopeAsync(s => change(s.GetRequiredService<UserAdministration>()));

    [Fact]
    public async Task Register_ManyAtOnceOnTwoInstancesWithFirstUserBecomesAdmin_MakesExactlyOneAdmin()
    {
        using var cluster = new TwoInstances(FirstUserBecomesAdmin);
        var first = cluster.First;
        var emails = Enumerable.Range(0, 16).Select(_ => Unique.Email()).ToList();

        await Task.WhenAll(emails.Select((email, i) => Task.Run(() => RegisterThroughThePageAsync(cluster.Alternate(i), email))));

        var admin = Assert.Single(await AdminEmailsAsync(first));
        Assert.Contains(admin, emails);
        Assert.Equal(1, await first.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.CountAsync(e => e.Action == AuditAction.AdminRoleGranted)));
    }

    [Fact]
    public async Task SetAdmin_LastTwoAdminsDemotedAtOnceOnTwoInstances_LeavesOne()
    {
        using var cluster = new TwoInstances();
        var (first, second) = (cluster.First, cluster.Second);
        var remaining = (await TestUsers.CreateAsync(first, admin: true)).Id;
        for (var round = 0; round < 4; round++)
        {
            var another = (await TestUsers.CreateAsync(first, admin: true)).Id;

            var results = await Task.WhenAll(
                Task.Run(() => OnInstanceAsync(first, users => users.SetAdminAsync(remaining, false, "test"))),
                Task.Run(() => OnInstanceAsync(second, users => users.SetAdminAsync(another, false, "test"))));

            Assert.Equal([UserChangeResult.Done, UserChangeResult.LastAdmin], results.Order());
            remaining = results[0] == UserChangeResult.Done ? another : remaining;
            Assert.Single(await AdminEmailsAsync(first));
        }
    }

    [Fact]
    public async Task SetLocked_LastTwoAdminsLockedAtOnceOnTwoInstances_LeavesOneWhoCanSignIn()
    {
        using var cluster = new TwoInstances();
        var (first, second) = (cluster.First, cluster.Second);
        var (a, b) = (await TestUsers.CreateAsync(first, admin: true), await TestUsers.CreateAsync(first, admin: true));

        var results = await Task.WhenAll(
            Task.Run(() => OnInstanceAsync(first, users => users.SetLockedAsync(a.Id, true, "test"))),
            Task.Run(() => OnInstanceAsync(second, users => users.SetLockedAsync(b.Id, true, "test"))));

        Assert.Equal([UserChangeResult.Done, UserChangeResult.LastAdmin], results.Order());
        var unlocked = await first.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<PortalUser>>();
            return (await users.GetUsersInRoleAsync(PortalRoles.Admin)).Count(u => !(u.LockoutEnd > first.Clock.GetUtcNow()));
        });
        Assert.Equal(1, unlocked);
    }

    [Fact]
    public async Task DeleteOwnAccount_LastTwoAdminsAtOnceOnTwoInstances_LeavesOne()
    {
        using var cluster = new TwoInstances();
        var (first, second) = (cluster.First, cluster.Second);
        var (a, b) = (await TestUsers.CreateAsync(first, admin: true), await TestUsers.CreateAsync(first, admin: true));
        Task<UserChangeResult> DeleteAsync(PortalFactory factory, string userId) => factory.WithScopeAsync(async s =>
            await s.GetRequiredService<UserAdministration>().DeleteOwnAccountAsync((await s.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(userId))!));

        var results = await Task.WhenAll(Task.Run(() => DeleteAsync(first, a.Id)), Task.Run(() => DeleteAsync(second, b.Id)));

        Assert.Equal([UserChangeResult.Done, UserChangeResult.LastAdmin], results.Order());
        Assert.Single(await AdminEmailsAsync(first));
    }
}
