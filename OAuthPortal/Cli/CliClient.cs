using System.CommandLine;
using OAuthPortal.Management.Clients;

namespace OAuthPortal.Cli;

internal static class CliClient
{
    /// <summary>The <c>--client-id</c> option every command about one client has.</summary>
    public static Option<string> IdOption() => new("--client-id") { Description = "The client's client_id (see `clients list`).", Required = true };

    public static CliException NotFound(string clientId) => new($"No client has the client_id '{clientId}' (see `clients list`).");

    /// <summary>The client (any owner's, as an administrator sees it), or the command's one error line.</summary>
    public static async Task<ClientDetails> FindAsync(IServiceProvider services, string clientId, CancellationToken cancellationToken) =>
        await services.GetRequiredService<ClientManager>().FindAsync(null, clientId, cancellationToken) ?? throw NotFound(clientId);
}
