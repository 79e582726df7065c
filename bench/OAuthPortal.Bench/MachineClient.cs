using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;

namespace OAuthPortal.Bench;

/// <summary>
/// Makes a registered confidential client a machine client for the <c>token_client_credentials</c> scenario: its only
/// grant type becomes <c>client_credentials</c> and <c>--scope</c> (created if the portal has none by that name, not
/// user-only) becomes its machine scope, written with the portal's own entities. Choosing grant types and machine
/// scopes is the developer area's and the CLI's; the seeder sets them directly, as the tests do.
/// </summary>
internal static class MachineClient
{
    public const string ClientCredentials = "client_credentials";

    public static async Task<int> RunAsync(Arguments args)
    {
        var clientId = args.Required("client-id");
        var scopeName = args.Required("scope");
        await using var db = Seeder.Open(args.Required("db"));
        var client = await db.Clients.Include(c => c.MachineScopes).SingleOrDefaultAsync(c => c.Id == clientId)
            ?? throw new ArgumentException($"--client-id {clientId}: no such client");
        if (client.Type != ClientType.Confidential)
        {
            throw new ArgumentException($"--client-id {clientId}: client_credentials needs a confidential client");
        }

        var scope = await db.Scopes.SingleOrDefaultAsync(s => s.Name == scopeName);
        if (scope is null)
        {
            scope = new Scope { Name = scopeName, Description = "A machine scope for the benchmark" };
            db.Scopes.Add(scope);
        }
        else if (scope.UserOnly)
        {
            throw new ArgumentException($"--scope {scopeName} is user-only: a client never gets it without a user");
        }

        client.AllowedGrantTypes = ClientCredentials;
        if (client.MachineScopes.All(s => s.Name != scopeName))
        {
            client.MachineScopes.Add(scope);
        }

        await db.SaveChangesAsync();
        await Console.Error.WriteLineAsync($"client {clientId}: grant type {ClientCredentials}, machine scope {scopeName}");
        return 0;
    }
}
