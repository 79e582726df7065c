using Microsoft.AspNetCore.Identity;
using OAuthPortal.Data;

namespace OAuthPortal.Cli;

internal static class CliOwner
{
    /// <summary>The user with e-mail <paramref name="email"/>, or the command's one error line.</summary>
    public static async Task<PortalUser> FindAsync(IServiceProvider services, string email) =>
        await services.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email)
        ?? throw new CliException($"No user has the e-mail address '{email}'; create one with `users create`.");
}
