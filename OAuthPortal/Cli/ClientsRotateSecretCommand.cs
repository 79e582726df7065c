using System.CommandLine;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>clients rotate-secret --client-id X [--json]</c>: a new secret replaces the old one at once, printed once (as by
/// <c>clients create</c>); the database keeps only its hash. Public and private_key_jwt clients have no secret to rotate.
/// </summary>
public static class ClientsRotateSecretCommand
{
    public static Command Create(CliContext context)
    {
        var clientId = CliClient.IdOption();
        var json = new Option<bool>("--json") { Description = "Print {\"client_id\", \"client_secret\"} as JSON." };
        var command = new Command("rotate-secret", "Give a confidential client a new secret (printed once); the old one stops working at once.")
        {
            clientId, json,
        };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var client = await CliClient.FindAsync(services, parse.GetRequiredValue(clientId), cancellationToken);
            var secret = await services.GetRequiredService<ClientManager>().RotateSecretAsync(null, client.ClientId, "cli", cancellationToken)
                ?? throw new CliException(client.Type == ClientType.Public
                    ? $"Client {client.ClientId} is public: it has no secret to rotate."
                    : $"Client {client.ClientId} authenticates with {client.TokenEndpointAuthMethod}: it has no secret to rotate (its keys are its credentials).");
            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(new ClientCredentialsJson(client.ClientId, secret, client.GrantTypes, client.MachineScopes)
                {
                    TokenEndpointAuthMethod = client.TokenEndpointAuthMethod,
                    RequirePushedAuthorizationRequests = client.RequirePushedAuthorizationRequests,
                    DpopBoundAccessTokens = client.DpopBoundAccessTokens,
                    Profile = ClientProfileNames.Of(client.Profile),
                });
                return;
            }

            await context.Output.WriteLineAsync($"client_id:      {client.ClientId}");
            await context.Output.WriteLineAsync($"client_secret:  {secret}");
            await context.Output.WriteLineAsync("The old secret no longer works. The new one is shown only this once: store it now. The portal keeps only its hash.");
        });
        return command;
    }
}
