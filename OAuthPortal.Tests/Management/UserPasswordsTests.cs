using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management.Users;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Management;

/// <summary>A password set by an administrator while someone else changes the same account.</summary>
public sealed class UserPasswordsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SetAsync_AccountChangedAtTheSameMoment_FailsCleanlyAndKeepsTheOldPassword()
    {
        var user = await TestUsers.CreateAsync(factory);

        var outcome = await factory.WithScopeAsync(async s =>
        {
            // This scope reads the account first; another scope then changes it (a lock, a second reset).
            var users = s.GetRequiredService<UserManager<PortalUser>>();
            await users.FindByIdAsync(user.Id);
            await factory.WithScopeAsync(async other =>
            {
                var elsewhere = other.GetRequiredService<UserManager<PortalUser>>();
                return await elsewhere.UpdateSecurityStampAsync((await elsewhere.FindByIdAsync(user.Id))!);
            });
            return await s.GetRequiredService<UserPasswords>().SetAsync(user.Id, "N3w-Stapl3-Battery!", "admin@example.test");
        });

        Assert.NotNull(outcome);
        Assert.False(outcome.Succeeded);
        Assert.Contains("at the same moment", Assert.Single(outcome.Errors).Message);
        var oldStillWorks = await factory.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<PortalUser>>();
            return await users.CheckPasswordAsync((await users.FindByIdAsync(user.Id))!, TestUsers.Password);
        });
        Assert.True(oldStillWorks);
    }
}
