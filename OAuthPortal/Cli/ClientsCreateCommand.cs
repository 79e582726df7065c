using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>clients create --owner EMAIL --name N [--redirect-uri U ...] [--grant-type G ...] [--machine-scope S ...]
/// [--post-logout-redirect-uri U ...] [--backchannel-logout-uri U] [--id-token-signed-response-alg RS256|ES256]
/// [--auth-method M] [--jwks FILE | --jwks-uri URL] [--require-par] [--dpop-bound] [--profile fapi2|none] [--public] [--json]</c>.
/// The method, keys and profile go through the same rules as the developer area's (<see cref="ClientAuthenticationRegistrationRules"/>).
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
        var authMethod = new Option<string?>("--auth-method")
        {
            Description = $"How a confidential client authenticates: {string.Join(", ", ClientAuthenticationRegistrationRules.AllowedFor(ClientType.Confidential))} " +
                $"(default {ClientAuthenticationMethod.ClientSecretBasic}; {ClientAuthenticationMethod.PrivateKeyJwt} when --jwks or --jwks-uri is given). " +
                $"A {ClientAuthenticationMethod.PrivateKeyJwt} client has no secret.",
        };
        var jwksFile = new Option<FileInfo?>("--jwks") { Description = "A file holding the client's public keys as a JWK Set (implies private_key_jwt)." };
        var jwksUri = new Option<string?>("--jwks-uri") { Description = "Where the client publishes its public keys, an https URL (implies private_key_jwt)." };
        var requirePar = new Option<bool>("--require-par") { Description = "Require pushed authorization requests (RFC 9126)." };
        var dpopBound = new Option<bool>("--dpop-bound") { Description = "Require DPoP: every access token is bound to the client's key (RFC 9449)." };
        var profile = new Option<string?>("--profile")
        {
            Description = $"A security profile the portal enforces: {ClientProfileNames.Fapi2} (FAPI 2.0 Security Profile) or {ClientProfileNames.None} (the default).",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print {\"client_id\", \"client_secret\", \"grant_types\", \"machine_scopes\", \"token_endpoint_auth_method\", ...} as JSON.",
        };
        var command = new Command("create", "Register a client; prints its client_id and, for confidential clients, its secret (once).")
        {
            owner, name, redirectUris, grantTypes, machineScopes, postLogoutRedirectUris, backchannelLogoutUri, idTokenAlgorithm, description, imageUrl,
            isPublic, authMethod, jwksFile, jwksUri, requirePar, dpopBound, profile, json,
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
            [nameof(ClientRegistration.TokenEndpointAuthMethod)] = authMethod.Name,
            [nameof(ClientRegistration.Jwks)] = jwksFile.Name,
            [nameof(ClientRegistration.JwksUri)] = jwksUri.Name,
            [nameof(ClientRegistration.Profile)] = profile.Name,
        };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var profileName = parse.GetValue(profile);
            var chosenProfile = profileName is null ? ClientProfile.None : ClientProfileNames.Parse(profileName)
                ?? throw new CliException($"{profile.Name}: unknown profile '{profileName}'; use {ClientProfileNames.Fapi2} or {ClientProfileNames.None}.");
            var jwks = await ReadJwksAsync(parse.GetValue(jwksFile), jwksFile.Name, cancellationToken);
            var keysUri = parse.GetValue(jwksUri);
            // Keys say private_key_jwt; an explicit --auth-method that says otherwise is for the rules to refuse.
            var method = parse.GetValue(authMethod) ?? (jwks is not null || keysUri is not null ? ClientAuthenticationMethod.PrivateKeyJwt : null);
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
                TokenEndpointAuthMethod = method,
                Jwks = jwks,
                JwksUri = keysUri,
                RequirePushedAuthorizationRequests = parse.GetValue(requirePar),
                DpopBoundAccessTokens = parse.GetValue(dpopBound),
                Profile = chosenProfile,
            }, actor: "cli", cancellationToken: cancellationToken);
            CliOutcome.ThrowIfFailed(outcome, options);

            var client = outcome.Value!;
            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(new ClientCredentialsJson(client.ClientId, client.ClientSecret, client.GrantTypes, client.MachineScopes)
                {
                    TokenEndpointAuthMethod = client.TokenEndpointAuthMethod,
                    JwksUri = client.JwksUri,
                    KeyIds = client.JwksUri is null && client.KeyIds.Count > 0 ? client.KeyIds : null,
                    RequirePushedAuthorizationRequests = client.RequirePushedAuthorizationRequests,
                    DpopBoundAccessTokens = client.DpopBoundAccessTokens,
                    Profile = ClientProfileNames.Of(client.Profile),
                });
                return;
            }

            await context.Output.WriteLineAsync($"client_id:      {client.ClientId}");
            await context.Output.WriteLineAsync($"grant_types:    {string.Join(' ', client.GrantTypes)}");
            if (client.MachineScopes.Count > 0)
            {
                await context.Output.WriteLineAsync($"machine_scopes: {string.Join(' ', client.MachineScopes)}");
            }

            await context.Output.WriteLineAsync($"auth_method:    {client.TokenEndpointAuthMethod}");
            if (client.JwksUri is not null || client.KeyIds.Count > 0)
            {
                await context.Output.WriteLineAsync($"keys:           {client.JwksUri ?? string.Join(' ', client.KeyIds)}");
            }

            var constraints = new[] { client.RequirePushedAuthorizationRequests ? "par" : null, client.DpopBoundAccessTokens ? "dpop" : null,
                client.Profile == ClientProfile.Fapi2 ? ClientProfileNames.Fapi2 : null }.OfType<string>().ToList();
            if (constraints.Count > 0)
            {
                await context.Output.WriteLineAsync($"requires:       {string.Join(' ', constraints)}");
            }

            if (client.TokenEndpointAuthMethod == ClientAuthenticationMethod.PrivateKeyJwt)
            {
                await context.Output.WriteLineAsync("No secret: the client authenticates with assertions signed by its private key (private_key_jwt).");
            }
            else if (client.ClientSecret is not null)
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

    /// <summary>The JWK Set in <paramref name="file"/> (null without the option); its content is for the rules to judge.</summary>
    private static async Task<string?> ReadJwksAsync(FileInfo? file, string option, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return null;
        }

        // Four times the largest set the rules accept: anything bigger is not a JWK Set worth reading into memory.
        if (file.Exists && file.Length > 4 * Client.MaxJwksLength)
        {
            throw new CliException($"{option}: '{file.FullName}' is larger than a JWK Set may be ({Client.MaxJwksLength / 1024} KB).");
        }

        try
        {
            var text = await File.ReadAllTextAsync(file.FullName, cancellationToken);
            return string.IsNullOrWhiteSpace(text) ? throw new CliException($"{option}: '{file.FullName}' is empty.") : text;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option}: cannot read '{file.FullName}': {exception.Message}");
        }
    }
}
