using System.CommandLine;
using OAuthPortal.Management.Clients;

namespace OAuthPortal.Cli;

/// <summary><c>clients delete --client-id X</c>: the client goes with its redirect URIs, codes, tokens and consent grants, for good.</summary>
public static class ClientsDeleteCommand
{
    public static Command Create(CliContext context)
    {
        var clientId = CliClient.IdOption();
        var command = new Command("delete", "Delete a client with its codes, tokens and consent grants; its client_id is gone for good.") { clientId };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var id = parse.GetRequiredValue(clientId);
            if (!await services.GetRequiredService<ClientManager>().DeleteAsync(null, id, "cli", cancellationToken))
            {
                throw CliClient.NotFound(id);
            }

            await context.Output.WriteLineAsync($"Deleted client {id} with its codes and tokens.");
        });
        return command;
    }
}
