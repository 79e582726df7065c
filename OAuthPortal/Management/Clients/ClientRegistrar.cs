using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.Management.Clients;

/// <summary>
/// Registers OAuth clients for the developer pages, the CLI and dynamic registration, under <see cref="ClientRegistrationRules"/> and
/// <see cref="RequireMachineScopes"/>.
/// </summary>
public sealed class ClientRegistrar(
    PortalDbContext db, ClientRegistrationRules rules, RequireMachineScopes machineScopeRules, IOAuthEvents events, TimeProvider clock)
{
    /// <summary>Every problem with <paramref name="registration"/> (none when it can be registered); nothing is saved.</summary>
    public async Task<List<FieldError>> ValidateAsync(ClientRegistration registration, CancellationToken cancellationToken = default) =>
        (await ResolveAsync(registration, cancellationToken)).Errors;

    /// <param name="actor">Who registers it (a user id, or "cli"), for the audit trail.</param>
    /// <param name="program">How a program registered it (dynamic registration), or null for a person.</param>
    public async Task<Outcome<RegisteredClient>> RegisterAsync(
        ClientRegistration registration, string actor, ProgramRegistration? program = null, CancellationToken cancellationToken = default)
    {
        var (machineScopes, errors) = await ResolveAsync(registration, cancellationToken);
        if (errors.Count > 0)
        {
            return Outcome<RegisteredClient>.Failure(errors);
        }

        var grantTypes = GrantTypeRegistrationRules.Effective(registration.GrantTypes);

        var method = ClientAuthenticationRegistrationRules.Effective(registration.Type, registration.TokenEndpointAuthMethod);
        var secret = ClientAuthenticationRegistrationRules.UsesSecret(method) ? TokenGenerator.NewSecret() : null;
        var now = clock.GetUtcNow().UtcDateTime;
        var client = new Client
        {
            Id = TokenGenerator.NewClientId(),
            OwnerId = registration.OwnerId,
            Name = registration.Name.Trim(),
            Description = registration.Description?.Trim() ?? "",
            ImageUrl = string.IsNullOrWhiteSpace(registration.ImageUrl) ? null : registration.ImageUrl.Trim(),
            Type = registration.Type,
            TokenEndpointAuthMethod = method,
            Jwks = ClientAuthenticationRegistrationRules.JwksOf(method, registration.Jwks),
            JwksUri = ClientAuthenticationRegistrationRules.JwksUriOf(method, registration.JwksUri),
            RequirePushedAuthorizationRequests = registration.RequirePushedAuthorizationRequests,
            DpopBoundAccessTokens = registration.DpopBoundAccessTokens,
            Profile = registration.Profile,
            AllowedGrantTypes = RequireAllowedGrantType.Format(grantTypes),
            SecretHash = secret is null ? null : SecretHasher.Hash(secret),
            CreatedAt = now,
            UpdatedAt = now,
            Enabled = true,
            RedirectUris = registration.RedirectUris.Select(RedirectUri.For).ToList(),
            PostLogoutRedirectUris = registration.PostLogoutRedirectUris.Select(PostLogoutRedirectUri.For).ToList(),
            BackchannelLogoutUri = ClientRegistrationRules.BackchannelLogoutUriOf(registration.BackchannelLogoutUri),
            IdTokenSignedResponseAlg = ClientRegistrationRules.IdTokenAlgorithmOf(registration.IdTokenSignedResponseAlg),
            MachineScopes = machineScopes,
            ClientUri = ClientRegistrationRules.OptionalOf(registration.ClientUri),
            SoftwareId = ClientRegistrationRules.OptionalOf(registration.SoftwareId),
            SoftwareVersion = ClientRegistrationRules.OptionalOf(registration.SoftwareVersion),
            Contacts = ClientRegistrationRules.ContactsOf(registration.Contacts),
            RegisteredByProgram = program is not null,
            InitialAccessTokenId = program?.InitialAccessTokenId,
            RegistrationAccessTokenHash = program?.RegistrationAccessTokenHash,
        };
        db.Clients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        var details = program is null ? ClientSecuritySummary.Of(client) : $"{program.Description}; {ClientSecuritySummary.Of(client)}";
        await events.ClientChangedAsync(new ClientChangedEvent(client.Id, client.Name, actor, ClientChange.Created, details));
        return Outcome<RegisteredClient>.Success(new RegisteredClient(
            client.Id, secret, RequireAllowedGrantType.Of(client.AllowedGrantTypes), machineScopes.Select(s => s.Name).Order(StringComparer.Ordinal).ToList())
        {
            TokenEndpointAuthMethod = client.TokenEndpointAuthMethod,
            JwksUri = client.JwksUri,
            KeyIds = ClientKeyRegistrationRules.Describe(client.Jwks).Select(k => k.KeyId ?? k.KeyType).ToList(),
            RequirePushedAuthorizationRequests = client.RequirePushedAuthorizationRequests,
            DpopBoundAccessTokens = client.DpopBoundAccessTokens,
            Profile = client.Profile,
        });
    }

    private async Task<(List<Scope> MachineScopes, List<FieldError> Errors)> ResolveAsync(ClientRegistration registration, CancellationToken cancellationToken)
    {
        var errors = rules.Validate(registration);
        var grantTypes = GrantTypeRegistrationRules.Effective(registration.GrantTypes);
        var (machineScopes, machineScopeErrors) = await machineScopeRules.ResolveAsync(registration.MachineScopes, grantTypes, cancellationToken);
        errors.AddRange(machineScopeErrors);
        if (registration.OwnerId is not null && !await db.Users.AnyAsync(u => u.Id == registration.OwnerId, cancellationToken))
        {
            errors.Add(new FieldError(nameof(registration.OwnerId), "The owner does not exist."));
        }

        return (machineScopes, errors);
    }
}
