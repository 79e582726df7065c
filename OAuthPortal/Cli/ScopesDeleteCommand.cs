using System.CommandLine;
using OAuthPortal.Management.Scopes;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>scopes delete --name N [--revoke-uses]</c>: as the admin Scopes/Delete page, a scope OpenID Connect defines is never
/// deleted, and one in use (grants, pending codes, active tokens, machine clients) only with <c>--revoke-uses</c>, which
/// revokes those tokens, deletes those codes and removes it from those grants and clients.
/// </summary>
public static class ScopesDeleteCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "The scope to delete (case-sensitive).", Required = true };
        var revokeUses = new Option<bool>("--revoke-uses")
        {
            Description = "Delete it even while in use: revoke its tokens, delete its pending codes, remove it from grants and clients' machine scopes.",
        };
        var command = new Command("delete", "Delete a scope (refused while it is in use unless --revoke-uses).") { name, revokeUses };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var catalog = services.GetRequiredService<ScopeCatalog>();
            var scope = await CliScope.FindAsync(catalog, parse.GetRequiredValue(name), cancellationToken);
            switch (await catalog.DeleteAsync(scope.Id, parse.GetValue(revokeUses), "cli", cancellationToken))
            {
                case ScopeDeletion.NotFound:
                    throw new CliException($"The scope '{scope.Name}' no longer exists.");
                case ScopeDeletion.BuiltIn:
                    throw new CliException($"OpenID Connect defines the scope '{scope.Name}': it cannot be deleted (its description can be changed).");
                case ScopeDeletion.InUse:
                    throw new CliException($"The scope '{scope.Name}' is in use ({Uses(scope)}) and was not deleted; " +
                        "add --revoke-uses to revoke those tokens, delete those codes and remove it from those grants and clients.");
            }

            await context.Output.WriteLineAsync(scope.InUse ? $"Deleted scope {scope.Name}; revoked what used it ({Uses(scope)})." : $"Deleted scope {scope.Name}.");
        });
        return command;
    }

    private static string Uses(ScopeUsage scope) =>
        $"{scope.Grants} consent grant(s), {scope.PendingCodes} pending code(s), {scope.ActiveTokens} active token(s), " +
        $"{scope.MachineClients} client(s) with it as a machine scope";
}
