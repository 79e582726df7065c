using System.CommandLine;
using OAuthPortal.Management.Clients;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>clients disable --client-id X</c>: the client can neither authorize nor use its tokens until enabled again;
/// <c>clients enable --client-id X</c> restores it.
/// </summary>
public static class ClientsEnableCommand
{
    public static Command Create(CliContext context, bool enabled)
    {
        var clientId = CliClient.IdOption();
        var command = new Command(enabled ? "enable" : "disable", enabled
            ? "Enable a disabled client again."
            : "Disable a client: no authorization, no tokens, and protected APIs refuse its tokens until it is enabled again.") { clientId };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var id = parse.GetRequiredValue(clientId);
            if (!await services.GetRequiredService<ClientManager>().SetEnabledAsync(null, id, enabled, "cli", cancellationToken))
            {
                throw CliClient.NotFound(id);
            }

            await context.Output.WriteLineAsync(enabled ? $"Enabled client {id}." : $"Disabled client {id}: its tokens are refused until it is enabled again.");
        });
        return command;
    }
}
