using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>Portal:FirstUserBecomesAdmin: each test owns a fresh database, since "first" depends on it.</summary>
public sealed class FirstRunAdminTests
{
    private static async Task<IList<string>> RegisterThroughThePageAsync(PortalFactory factory, string email)
    {
        var client = factory.CreateClient();
        var (_, page) = await Html.GetPageAsync(client, "/Identity/Account/Register");
        await Html.SubmitAsync(client, page.Form("form#registerForm"), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = TestUsers.Password,
            ["Input.ConfirmPassword"] = TestUsers.Password,
        });
        return await factory.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<PortalUser>>();
            return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
        });
    }

    [Fact]
    public async Task Register_FirstUserWithSettingOn_BecomesAdminAndTheSecondDoesNot()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { ["Portal:FirstUserBecomesAdmin"] = "true" });

        var firstEmail = Unique.Email();
        var first = await RegisterThroughThePageAsync(factory, firstEmail);
        var second = await RegisterThroughThePageAsync(factory, Unique.Email());

        Assert.Equal([PortalRoles.Admin], first);
        Assert.Empty(second);
        Assert.Equal("system:first-run-admin", await Cli.UsersCommandTests.AdminGrantActorAsync(factory, firstEmail));
    }

    [Fact]
    public async Task Register_FirstUserWithSettingOff_IsNotAdmin()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { ["Portal:FirstUserBecomesAdmin"] = "false" });

        Assert.Empty(await RegisterThroughThePageAsync(factory, Unique.Email()));
    }
}
