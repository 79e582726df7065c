using OAuthPortal.Management.Users;

namespace OAuthPortal.Cli;

internal static class CliUserChange
{
    /// <summary>A refused or impossible change to a user as the command's one error line.</summary>
    public static void ThrowIfRefused(UserChangeResult result, string? email)
    {
        switch (result)
        {
            case UserChangeResult.NotFound:
                throw new CliException($"The user {email} no longer exists.");
            case UserChangeResult.LastAdmin:
                throw new CliException($"Refused: {email} is the last administrator who can sign in; the portal would have none left.");
        }
    }
}
