using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>clients create --owner EMAIL --name N [--redirect-uri U ...] [--grant-type G ...] [--machine-scope S ...]
/// [--post-logout-redirect-uri U ...] [--backchannel-logout-uri U] [--id-token-signed-response-alg RS256|ES256] [--public] [--json]</c>.
/// </summary>
public static class ClientsCreateCommand
{
    public static Command Create(CliContext context)
    {
        var owner = new Option<string>("--owner") { Description = "E-mail of the user who owns the client.", Required = true };
        var name = new Option<string>("--name") { Description = "The client's name, shown to users on the consent page.", Required = true };
        var redirectUris = new Option<string[]>("--redirect-uri")
        {
            Description = "A redirect URI, matched exactly; repeat the option for several (1 to 20 with authorization_code, otherwise up to 20).",
            Arity = ArgumentArity.OneOrMore,
        };
        var grantTypes = new Option<string[]>("--grant-type")
        {
            Description = $"A grant type the client may use; repeat the option for several (one of {string.Join(", ", RequireAllowedGrantType.Supported)}; " +
                $"default {RequireAllowedGrantType.DefaultGrantTypes}).",
            Arity = ArgumentArity.OneOrMore,
        };
        var machineScopes = new Option<string[]>("--machine-scope")
        {
            Description = "A scope the client may get with no user (client_credentials only; not a user-only scope); repeat the option for several.",
            Arity = ArgumentArity.OneOrMore,
        };
        var description = new Option<string?>("--description") { Description = "What the client is, shown to users." };
        var imageUrl = new Option<string?>("--image-url") { Description = "Absolute https URL of the client's logo." };
        var postLogoutRedirectUris = new Option<string[]>("--post-logout-redirect-uri")
        {
            Description = "Where users may be sent back to after signing out (OpenID Connect); repeat the option for several (up to 20).",
            Arity = ArgumentArity.OneOrMore,
        };
        var backchannelLogoutUri = new Option<string?>("--backchannel-logout-uri")
        {
            Description = "The client's endpoint for OpenID Connect back-channel logout tokens (https, no fragment).",
        };
        var idTokenAlgorithm = new Option<string?>("--id-token-signed-response-alg")
        {
            Description = $"The id_token signing algorithm: {string.Join(" or ", SigningAlgorithms.All)} (default {Client.DefaultIdTokenAlgorithm}).",
        };
        var isPublic = new Option<bool>("--public") { Description = "A public client (SPA, native app): no secret, PKCE required." };
        var json = new Option<bool>("--json") { Description = "Print {\"client_id\", \"client_secret\", \"grant_types\", \"machine_scopes\"} as JSON." };
        var command = new Command("create", "Register a client; prints its client_id and, for confidential clients, its secret (once).")
        {
            owner, name, redirectUris, grantTypes, machineScopes, postLogoutRedirectUris, backchannelLogoutUri, idTokenAlgorithm, description, imageUrl,
            isPublic, json,
        };

        // Each field of the registration rules, as the option that sets it: an error names the option.
        var options = new Dictionary<string, string>
        {
            [nameof(ClientRegistration.Name)] = name.Name,
            [nameof(ClientRegistration.Description)] = description.Name,
            [nameof(ClientRegistration.ImageUrl)] = imageUrl.Name,
            [nameof(ClientRegistration.RedirectUris)] = redirectUris.Name,
            [nameof(ClientRegistration.GrantTypes)] = grantTypes.Name,
            [nameof(ClientRegistration.MachineScopes)] = machineScopes.Name,
            [nameof(ClientRegistration.PostLogoutRedirectUris)] = postLogoutRedirectUris.Name,
            [nameof(ClientRegistration.BackchannelLogoutUri)] = backchannelLogoutUri.Name,
            [nameof(ClientRegistration.IdTokenSignedResponseAlg)] = idTokenAlgorithm.Name,
        };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var ownerEmail = parse.GetRequiredValue(owner);
            var user = await services.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(ownerEmail)
                ?? throw new CliException($"No user has the e-mail address '{ownerEmail}'; create one with `users create`.");
            var outcome = await services.GetRequiredService<ClientRegistrar>().RegisterAsync(new ClientRegistration(
                user.Id,
                parse.GetRequiredValue(name),
                parse.GetValue(description),
                parse.GetValue(imageUrl),
                parse.GetValue(isPublic) ? ClientType.Public : ClientType.Confidential,
                parse.GetValue(redirectUris) ?? [])
            {
                PostLogoutRedirectUris = parse.GetValue(postLogoutRedirectUris) ?? [],
                BackchannelLogoutUri = parse.GetValue(backchannelLogoutUri),
                IdTokenSignedResponseAlg = parse.GetValue(idTokenAlgorithm),
                GrantTypes = parse.GetValue(grantTypes),
                MachineScopes = parse.GetValue(machineScopes) ?? [],
            }, actor: "cli", cancellationToken);
            CliOutcome.ThrowIfFailed(outcome, options);

            var client = outcome.Value!;
            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(new ClientCredentialsJson(client.ClientId, client.ClientSecret, client.GrantTypes, client.MachineScopes));
                return;
            }

            await context.Output.WriteLineAsync($"client_id:      {client.ClientId}");
            await context.Output.WriteLineAsync($"grant_types:    {string.Join(' ', client.GrantTypes)}");
            if (client.MachineScopes.Count > 0)
            {
                await context.Output.WriteLineAsync($"machine_scopes: {string.Join(' ', client.MachineScopes)}");
            }

            if (client.ClientSecret is not null)
            {
                await context.Output.WriteLineAsync($"client_secret:  {client.ClientSecret}");
                await context.Output.WriteLineAsync("The secret is shown only this once: store it now. The portal keeps only its hash.");
            }
            else
            {
                await context.Output.WriteLineAsync("Public client: no secret; it must use PKCE (S256).");
            }
        });
        return command;
    }
}
