using System.CommandLine;
using OAuthPortal.Management.Clients;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>clients add-redirect-uri --client-id X --uri U</c> and <c>clients remove-redirect-uri --client-id X --uri U</c>: one
/// redirect URI more or less, judged by the same registration rules as the developer area's edit page.
/// </summary>
public static class ClientsRedirectUriCommand
{
    public static Command Create(CliContext context, bool add)
    {
        var clientId = CliClient.IdOption();
        var uri = new Option<string>("--uri") { Description = "The redirect URI, matched exactly.", Required = true };
        var command = new Command(add ? "add-redirect-uri" : "remove-redirect-uri", add
            ? "Register one more redirect URI for a client (the developer area's rules apply)."
            : "Remove one of a client's redirect URIs (one using authorization_code keeps at least one).") { clientId, uri };
        var options = new Dictionary<string, string> { [ClientRedirectUris.Field] = uri.Name };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var (id, value) = (parse.GetRequiredValue(clientId), parse.GetRequiredValue(uri));
            var redirectUris = services.GetRequiredService<ClientRedirectUris>();
            var outcome = await (add
                ? redirectUris.AddAsync(null, id, value, "cli", cancellationToken)
                : redirectUris.RemoveAsync(null, id, value, "cli", cancellationToken)) ?? throw CliClient.NotFound(id);
            CliOutcome.ThrowIfFailed(outcome, options);
            await context.Output.WriteLineAsync($"{(add ? $"{value} is registered" : $"Removed {value}")}; client {id} has {outcome.Value!.Count} redirect URI(s):");
            foreach (var registered in outcome.Value)
            {
                await context.Output.WriteLineAsync($"  {registered}");
            }
        });
        return command;
    }
}
