using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using OAuthPortal.Data;

namespace OAuthPortal.Cli;

/// <summary>The user a command acts on: <c>--email E</c> or <c>--id ID</c>, exactly one.</summary>
internal sealed class CliUserTarget
{
    private readonly Option<string> _email = new("--email") { Description = "The user's e-mail address." };
    private readonly Option<string> _id = new("--id") { Description = "The user's id (see `users list --json`)." };

    public CliUserTarget(Command command)
    {
        command.Options.Add(_email);
        command.Options.Add(_id);
        CliOptions.RequireExactlyOne(command, _email, _id);
    }

    /// <summary>The user named on the command line, or the command's one error line.</summary>
    public async Task<PortalUser> FindAsync(ParseResult parse, IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        if (parse.GetValue(_id) is { } id)
        {
            return await users.FindByIdAsync(id) ?? throw new CliException($"No user has the id '{id}' (see `users list`).");
        }

        var email = parse.GetValue(_email)!.Trim();
        return await users.FindByEmailAsync(email) ?? throw new CliException($"No user has the e-mail address '{email}' (see `users list`).");
    }
}
