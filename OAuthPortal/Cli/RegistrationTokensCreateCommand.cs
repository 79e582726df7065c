using System.CommandLine;
using System.Globalization;
using OAuthPortal.Management.Registration;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Registration;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>registration-tokens create --owner EMAIL [--name N] [--multi-use] [--expires d.hh:mm:ss] [--grant-types a,b] [--json]</c>:
/// an initial access token (RFC 7591 §3) for a program to register clients with, printed once. The name, lifetime and
/// grant types go through the same rules as the developer area's (<see cref="InitialAccessTokenRules"/>).
/// </summary>
public static class RegistrationTokensCreateCommand
{
    public static Command Create(CliContext context)
    {
        var owner = new Option<string>("--owner") { Description = "E-mail of the developer the token, and the clients it registers, belong to.", Required = true };
        var name = new Option<string?>("--name") { Description = "What uses the token (default \"CLI token <date>\")." };
        var multiUse = new Option<bool>("--multi-use") { Description = "Register several clients (up to OAuth:Registration:MaxClientsPerToken) instead of one." };
        var expires = new Option<string?>("--expires")
        {
            Description = $"How long the token lives, as d.hh:mm:ss (e.g. 1.00:00:00 for a day; at most {InitialAccessTokenRules.MaxLifetime.TotalDays:0} days; " +
                "default OAuth:Registration:DefaultTokenLifetime).",
        };
        var grantTypes = new Option<string?>("--grant-types")
        {
            Description = $"Comma-separated grant types its clients may have (among {string.Join(", ", RequireAllowedGrantType.Supported)}); default any.",
        };
        var json = new Option<bool>("--json") { Description = "Print {\"token\", \"id\", \"name\", \"expires_at\", ...} as JSON." };
        var command = new Command("create", "Create an initial access token for a program to register clients with; prints it (once).")
        {
            owner, name, multiUse, expires, grantTypes, json,
        };

        // Each field of the token rules, as the option that sets it: an error names the option.
        var options = new Dictionary<string, string>
        {
            [InitialAccessTokenRules.NameField] = name.Name,
            [InitialAccessTokenRules.LifetimeField] = expires.Name,
            [InitialAccessTokenRules.GrantTypesField] = grantTypes.Name,
        };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var catalog = services.GetRequiredService<RegistrationTokenCatalog>();
            var lifetime = ParseLifetime(parse.GetValue(expires), expires.Name) ?? catalog.DefaultLifetime;
            var user = await CliOwner.FindAsync(services, parse.GetRequiredValue(owner));
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var tokenName = parse.GetValue(name) ?? string.Create(CultureInfo.InvariantCulture, $"CLI token {now:yyyy-MM-dd HH:mm} UTC");
            var caps = parse.GetValue(grantTypes)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var outcome = await catalog.CreateAsync(user.Id, tokenName, lifetime, parse.GetValue(multiUse), caps, actor: "cli", cancellationToken);
            CliOutcome.ThrowIfFailed(outcome, options);

            var created = outcome.Value!;
            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(new RegistrationTokenJson(
                    created.Id, created.Name, created.ExpiresAt, created.MultiUse, created.MaxClients, created.GrantTypes.Count > 0 ? created.GrantTypes : null)
                {
                    Token = created.Token,
                });
                return;
            }

            await context.Output.WriteLineAsync($"token:        {created.Token}");
            await context.Output.WriteLineAsync($"id:           {created.Id}");
            await context.Output.WriteLineAsync($"name:         {created.Name}");
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"expires_at:   {created.ExpiresAt:yyyy-MM-dd HH:mm:ss} UTC"));
            await context.Output.WriteLineAsync($"uses:         {(created.MultiUse ? $"up to {created.MaxClients} clients" : "one client")}");
            await context.Output.WriteLineAsync($"grant_types:  {(created.GrantTypes.Count > 0 ? string.Join(' ', created.GrantTypes) : "any")}");
            await context.Output.WriteLineAsync("The token is shown only this once: store it now. The portal keeps only its hash.");
            await context.Output.WriteLineAsync(
                $"A program registers a client by sending POST {AuthorizationServerMetadata.RegistrationPath} with the header \"Authorization: Bearer <token>\".");
        });
        return command;
    }

    /// <summary>The <c>--expires</c> value (<c>d.hh:mm:ss</c>, invariant culture), or null without the option; its range is for the rules to judge.</summary>
    internal static TimeSpan? ParseLifetime(string? text, string option) =>
        text is null ? null
        : TimeSpan.TryParseExact(text, ["c", "g"], CultureInfo.InvariantCulture, out var lifetime) ? lifetime
        : throw new CliException($"{option}: '{text}' is not a duration; use d.hh:mm:ss, e.g. 1.00:00:00 for one day or 01:00:00 for one hour.");
}
