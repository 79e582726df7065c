using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.Management.Clients;

/// <summary>
/// Registers OAuth clients for the developer pages and the CLI, under <see cref="ClientRegistrationRules"/> and
/// <see cref="RequireMachineScopes"/>.
/// </summary>
public sealed class ClientRegistrar(
    PortalDbContext db, ClientRegistrationRules rules, RequireMachineScopes machineScopeRules, IOAuthEvents events, TimeProvider clock)
{
    /// <param name="actor">Who registers it (a user id, or "cli"), for the audit trail.</param>
    public async Task<Outcome<RegisteredClient>> RegisterAsync(ClientRegistration registration, string actor, CancellationToken cancellationToken = default)
    {
        var errors = rules.Validate(registration);
        var grantTypes = GrantTypeRegistrationRules.Effective(registration.GrantTypes);
        var (machineScopes, machineScopeErrors) = await machineScopeRules.ResolveAsync(registration.MachineScopes, grantTypes, cancellationToken);
        errors.AddRange(machineScopeErrors);
        if (registration.OwnerId is not null && !await db.Users.AnyAsync(u => u.Id == registration.OwnerId, cancellationToken))
        {
            errors.Add(new FieldError(nameof(registration.OwnerId), "The owner does not exist."));
        }

        if (errors.Count > 0)
        {
            return Outcome<RegisteredClient>.Failure(errors);
        }

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
        };
        db.Clients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        await events.ClientChangedAsync(new ClientChangedEvent(client.Id, client.Name, actor, ClientChange.Created, ClientSecuritySummary.Of(client)));
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
}
