using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;

namespace OAuthPortal.Tests.Support;

/// <summary>Creates users through the app's own UserManager (password rules and all).</summary>
public static class TestUsers
{
    public const string Password = "Corr3ct-Horse-Battery!";

    public static async Task<PortalUser> CreateAsync(PortalFactory factory, string? email = null, bool admin = false) =>
        await factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PortalUser>>();
            var address = email ?? Unique.Email();
            var user = new PortalUser { UserName = address, Email = address, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            if (admin)
            {
                Assert.True((await users.AddToRoleAsync(user, PortalRoles.Admin)).Succeeded);
            }

            return user;
        });
}
