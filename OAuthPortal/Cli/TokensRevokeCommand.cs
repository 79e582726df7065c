using System.CommandLine;
using OAuthPortal.Data;
using OAuthPortal.Management.Tokens;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>tokens revoke (--token ID|- | --user E | --client X)</c>, exactly one: one token, given by its id (as
/// <c>tokens list</c> shows it) or, with <c>-</c>, by its access or refresh token value read from standard input (looked
/// up by its hash; a token value on the command line would end up in the shell's history and the process list), or
/// every live token of a user or of a client (with their pending codes), as the admin Tokens page revokes them.
/// </summary>
public static class TokensRevokeCommand
{
    public static Command Create(CliContext context)
    {
        var token = new Option<string>("--token")
        {
            Description = "The token's ID from 'tokens list', or - to read an access or refresh token value from standard input.",
        };
        var user = new Option<string>("--user") { Description = "Revoke every live token of the user with this e-mail address." };
        var client = new Option<string>("--client") { Description = "Revoke every live token of the client with this client_id." };
        var command = new Command("revoke", "Revoke one token, or every token of a user or of a client.") { token, user, client };
        CliOptions.RequireExactlyOne(command, token, user, client);

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var tokens = services.GetRequiredService<TokenAdministration>();
            if (parse.GetValue(token) is { } given)
            {
                var id = given == "-"
                    ? await tokens.FindIdByValueAsync(await ReadValueAsync(context, cancellationToken), cancellationToken) ?? throw new CliException("No token has that value.")
                    : long.TryParse(given, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var listed)
                        ? await tokens.ExistsAsync(listed, cancellationToken) ? listed : throw new CliException($"No token has the ID {listed}.")
                        : throw new CliException("--token takes the token's ID from 'tokens list', or - with the token value on standard input (never on the command line).");
                var revoked = await tokens.RevokeAsync(id, "cli", TokenRevocationReason.RevokedByAdmin, cancellationToken);
                await context.Output.WriteLineAsync(revoked ? $"Revoked token {id}." : $"Token {id} was already revoked.");
            }
            else if (parse.GetValue(user) is { } email)
            {
                var holder = await CliOwner.FindAsync(services, email);
                var count = await tokens.RevokeAllOfUserAsync(holder.Id, holder.Email ?? email, "cli", cancellationToken);
                await context.Output.WriteLineAsync($"Revoked {count} token(s) of {holder.Email}.");
            }
            else
            {
                var clientId = (await CliClient.FindAsync(services, parse.GetValue(client)!, cancellationToken)).ClientId;
                var count = await tokens.RevokeAllOfClientAsync(clientId, "cli", cancellationToken);
                await context.Output.WriteLineAsync($"Revoked {count} token(s) of client {clientId}.");
            }
        });
        return command;
    }

    private static async Task<string> ReadValueAsync(CliContext context, CancellationToken cancellationToken)
    {
        var line = context.RedirectedInput is { } input ? await input.ReadLineAsync(cancellationToken) : null;
        return string.IsNullOrWhiteSpace(line)
            ? throw new CliException("No token value on standard input: pipe it in as one line (--token -).")
            : line.Trim();
    }
}
