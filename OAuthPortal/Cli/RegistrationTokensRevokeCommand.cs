using System.CommandLine;
using OAuthPortal.Management.Registration;

namespace OAuthPortal.Cli;

/// <summary><c>registration-tokens revoke --owner EMAIL --id N</c>: the token registers no more clients (those it registered stay).</summary>
public static class RegistrationTokensRevokeCommand
{
    public static Command Create(CliContext context)
    {
        var owner = new Option<string>("--owner") { Description = "E-mail of the developer the token belongs to.", Required = true };
        var id = new Option<long>("--id") { Description = "The token's id (see `registration-tokens list`).", Required = true };
        var command = new Command("revoke", "Revoke an initial access token: it registers no more clients.") { owner, id };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var email = parse.GetRequiredValue(owner);
            var user = await CliOwner.FindAsync(services, email);
            var tokenId = parse.GetValue(id);
            if (!await services.GetRequiredService<RegistrationTokenCatalog>().RevokeAsync(user.Id, tokenId, actor: "cli", cancellationToken))
            {
                throw new CliException($"{email} has no unrevoked initial access token with the id {tokenId} (see `registration-tokens list`).");
            }

            await context.Output.WriteLineAsync($"Revoked initial access token {tokenId} of {email}: it registers no more clients.");
        });
        return command;
    }
}
