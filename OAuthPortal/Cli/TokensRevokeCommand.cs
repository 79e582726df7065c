using System.CommandLine;
using OAuthPortal.Data;
using OAuthPortal.Management.Tokens;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>tokens revoke (--token T | --user E | --client X)</c>, exactly one: one token, given as its access or refresh token
/// value (looked up by its hash), or every live token of a user or of a client (with their pending codes), as the admin
/// Tokens page revokes them.
/// </summary>
public static class TokensRevokeCommand
{
    public static Command Create(CliContext context)
    {
        var token = new Option<string>("--token") { Description = "An access or refresh token value: its token (access and refresh) is revoked." };
        var user = new Option<string>("--user") { Description = "Revoke every live token of the user with this e-mail address." };
        var client = new Option<string>("--client") { Description = "Revoke every live token of the client with this client_id." };
        var command = new Command("revoke", "Revoke one token, or every token of a user or of a client.") { token, user, client };
        CliOptions.RequireExactlyOne(command, token, user, client);

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var tokens = services.GetRequiredService<TokenAdministration>();
            if (parse.GetValue(token) is { } value)
            {
                var id = await tokens.FindIdByValueAsync(value, cancellationToken) ?? throw new CliException("No token has that value.");
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
}
