using System.CommandLine;
using OAuthPortal.Data;
using OAuthPortal.Management.Scopes;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>scopes edit --name N [--description D] [--user-only true|false]</c>: what the admin Scopes/Edit page changes (the
/// name never changes). A scope made user-only leaves every client's machine scopes and its tokens without a user are revoked.
/// </summary>
public static class ScopesEditCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "The scope to change (case-sensitive).", Required = true };
        var description = new Option<string?>("--description") { Description = "The new description, shown on the consent page." };
        var userOnly = new Option<string?>("--user-only")
        {
            Description = "true: only a user can grant it (removed from clients' machine scopes; tokens without a user that carry it are revoked); false: clients may get it too.",
        };
        userOnly.AcceptOnlyFromAmong("true", "false");
        var command = new Command("edit", "Change a scope's description or whether it is user-only.") { name, description, userOnly };
        command.Validators.Add(result =>
        {
            if (result.GetResult(description) is null && result.GetResult(userOnly) is null)
            {
                result.AddError("Nothing to change: give --description, --user-only or both.");
            }
        });
        var options = new Dictionary<string, string> { [nameof(Scope.Description)] = description.Name, [nameof(Scope.UserOnly)] = userOnly.Name };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var catalog = services.GetRequiredService<ScopeCatalog>();
            var scope = await CliScope.FindAsync(catalog, parse.GetRequiredValue(name), cancellationToken);
            var outcome = await catalog.UpdateAsync(scope.Id, parse.GetValue(description) ?? scope.Description, parse.GetValue(userOnly) is { } flag ? flag == "true" : scope.UserOnly,
                "cli", cancellationToken) ?? throw new CliException($"The scope '{scope.Name}' no longer exists.");
            CliOutcome.ThrowIfFailed(outcome, options);
            var saved = outcome.Value!;
            await context.Output.WriteLineAsync(saved.BecameUserOnly
                ? $"Saved scope {saved.Name}. It is now user-only: removed from the machine scopes of {saved.MachineClients} client(s); " +
                  $"{saved.RevokedTokens} token(s) without a user that carried it were revoked."
                : $"Saved scope {saved.Name}.");
        });
        return command;
    }
}
