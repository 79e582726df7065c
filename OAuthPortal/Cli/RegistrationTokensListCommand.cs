using System.CommandLine;
using System.Globalization;
using OAuthPortal.Management.Registration;

namespace OAuthPortal.Cli;

/// <summary><c>registration-tokens list --owner EMAIL [--json]</c>: a developer's initial access tokens, newest first; never a token (only hashes exist).</summary>
public static class RegistrationTokensListCommand
{
    public static Command Create(CliContext context)
    {
        var owner = new Option<string>("--owner") { Description = "E-mail of the developer whose tokens to list.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var command = new Command("list", "List a developer's initial access tokens.") { owner, json };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var user = await CliOwner.FindAsync(services, parse.GetRequiredValue(owner));
            var tokens = await services.GetRequiredService<RegistrationTokenCatalog>().ListAsync(user.Id, cancellationToken);
            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(tokens.Select(t => new RegistrationTokenJson(
                    t.Id, t.Name, t.ExpiresAt, t.MultiUse, t.MaxClients, t.GrantTypes.Count > 0 ? t.GrantTypes : null)
                {
                    CreatedAt = t.CreatedAt, RegisteredClients = t.RegisteredClients, Status = StatusName(t.Status),
                }));
                return;
            }

            await context.Output.WriteAsync(TextTable.Render(
                ["ID", "STATUS", "CREATED", "EXPIRES", "USED", "GRANT TYPES", "NAME"],
                tokens.Select(t => new[]
                {
                    t.Id.ToString(CultureInfo.InvariantCulture), StatusName(t.Status), Time(t.CreatedAt), Time(t.ExpiresAt),
                    string.Create(CultureInfo.InvariantCulture, $"{t.RegisteredClients}/{t.MaxClients}"),
                    t.GrantTypes.Count > 0 ? string.Join(',', t.GrantTypes) : "any", t.Name,
                }),
                "No initial access tokens: create one with `registration-tokens create`."));
        });
        return command;
    }

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    internal static string StatusName(RegistrationTokenStatus status) => status switch
    {
        RegistrationTokenStatus.Active => "active",
        RegistrationTokenStatus.Expired => "expired",
        RegistrationTokenStatus.UsedUp => "used_up",
        _ => "revoked",
    };
}
