using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>clients create --owner EMAIL --name N --redirect-uri U [--redirect-uri U2 ...] [--post-logout-redirect-uri U ...]
/// [--backchannel-logout-uri U] [--id-token-signed-response-alg RS256|ES256] [--public] [--json]</c>.
/// </summary>
public static class ClientsCreateCommand
{
    public static Command Create(CliContext context)
    {
        var owner = new Option<string>("--owner") { Description = "E-mail of the user who owns the client.", Required = true };
        var name = new Option<string>("--name") { Description = "The client's name, shown to users on the consent page.", Required = true };
        var redirectUris = new Option<string[]>("--redirect-uri")
        {
            Description = "A redirect URI, matched exactly; repeat the option for several (1 to 20).",
            Required = true,
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
        var json = new Option<bool>("--json") { Description = "Print {\"client_id\", \"client_secret\"} as JSON." };
        var command = new Command("create", "Register a client; prints its client_id and, for confidential clients, its secret (once).")
        {
            owner, name, redirectUris, postLogoutRedirectUris, backchannelLogoutUri, idTokenAlgorithm, description, imageUrl, isPublic, json,
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
                parse.GetRequiredValue(redirectUris))
            {
                PostLogoutRedirectUris = parse.GetValue(postLogoutRedirectUris) ?? [],
                BackchannelLogoutUri = parse.GetValue(backchannelLogoutUri),
                IdTokenSignedResponseAlg = parse.GetValue(idTokenAlgorithm),
            }, actor: "cli", cancellationToken);
            CliOutcome.ThrowIfFailed(outcome);

            var client = outcome.Value!;
            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(new ClientCredentialsJson(client.ClientId, client.ClientSecret));
                return;
            }

            await context.Output.WriteLineAsync($"client_id:     {client.ClientId}");
            if (client.ClientSecret is not null)
            {
                await context.Output.WriteLineAsync($"client_secret: {client.ClientSecret}");
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
