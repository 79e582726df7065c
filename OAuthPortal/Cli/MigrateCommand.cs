using System.CommandLine;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Oidc.Keys;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>migrate</c>: apply pending EF Core migrations of the configured provider, then add the built-in scopes and the first
/// signing keys if missing (so that instances started together on a new database find them instead of racing to make them).
/// </summary>
public static class MigrateCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("migrate", "Create or upgrade the database (applies pending EF Core migrations).");
        context.SetAction(command, async (_, services, cancellationToken) =>
        {
            var applied = await services.GetRequiredService<PortalDatabaseMigrator>().MigrateAsync(cancellationToken);
            await BuiltInScopes.EnsureAsync(services.GetRequiredService<PortalDbContext>(), cancellationToken);
            await services.EnsureSigningKeysAsync();
            await context.Output.WriteLineAsync(applied.Count == 0
                ? "The database is up to date."
                : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
        }, migrateFirst: false);
        return command;
    }
}
