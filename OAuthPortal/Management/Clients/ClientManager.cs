using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Management.Clients;

/// <summary>
/// Changes to existing clients, for their owner (developer area) or an administrator. Every method takes
/// <c>ownerId</c>: the acting owner's user id, or null for an administrator acting on any client. A client that does
/// not exist or belongs to someone else is "not found" (null / false): callers answer 404 without a hint.
/// </summary>
public sealed class ClientManager(
    PortalDbContext db, ClientRegistrationRules rules, RequireMachineScopes machineScopeRules, IOAuthEvents events, TimeProvider clock,
    IOptions<OAuthOptions> options)
{
    public async Task<ClientDetails?> FindAsync(string? ownerId, string clientId, CancellationToken cancellationToken = default)
    {
        var active = TokenQueries.ActiveAt(clock.GetUtcNow().UtcDateTime);
        var client = await Owned(ownerId, clientId).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (client is null)
        {
            return null;
        }

        var details = await Owned(ownerId, clientId).AsNoTracking()
            .Select(c => new ClientDetails(
                c.Id, c.Name, c.Description, c.ImageUrl, c.Type, c.Enabled, c.Owner!.Email,
                c.RedirectUris.OrderBy(r => r.Id).Select(r => r.Uri).ToList(),
                c.PostLogoutRedirectUris.OrderBy(r => r.Id).Select(r => r.Uri).ToList(),
                c.BackchannelLogoutUri, c.IdTokenSignedResponseAlg,
                c.CreatedAt, c.UpdatedAt,
                db.AccessTokens.Count(t => t.ClientId == c.Id),
                db.AccessTokens.Where(t => t.ClientId == c.Id).Count(active),
                db.AccessTokens.Where(t => t.ClientId == c.Id).Max(t => (DateTime?)t.CreatedAt),
                RequireAllowedGrantType.Of(c.AllowedGrantTypes),
                c.MachineScopes.OrderBy(s => s.Name).Select(s => s.Name).ToList()))
            .SingleOrDefaultAsync(cancellationToken);
        return details is null ? null : details with
        {
            TokenEndpointAuthMethod = client.TokenEndpointAuthMethod,
            HasSecret = client.SecretHash is not null,
            Jwks = client.Jwks,
            JwksUri = client.JwksUri,
            RequirePushedAuthorizationRequests = client.RequirePushedAuthorizationRequests,
            DpopBoundAccessTokens = client.DpopBoundAccessTokens,
            Profile = client.Profile,
            Fapi2Checklist = Fapi2SecurityProfile.Checklist(client, options.Value),
            RegisteredByProgram = client.RegisteredByProgram,
            InitialAccessTokenName = client.InitialAccessTokenId is { } tokenId
                ? await db.InitialAccessTokens.Where(t => t.Id == tokenId).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken)
                : null,
            ClientUri = client.ClientUri,
            SoftwareId = client.SoftwareId,
            SoftwareVersion = client.SoftwareVersion,
            Contacts = client.Contacts,
        };
    }

    /// <summary>
    /// Name, description, image, redirect and post-logout redirect URIs (each list replaces the registered one), back-channel
    /// logout URI, id_token algorithm, grant types and machine scopes, authentication method and keys, PAR, DPoP and profile
    /// (each unchanged when null), under the registration rules; null when not found. A switch to private_key_jwt deletes
    /// the secret; a switch from it to a client_secret method makes a new one, returned once.
    /// </summary>
    public async Task<Outcome<ClientSaved>?> UpdateAsync(string? ownerId, string clientId, ClientEdit edit, string actor, CancellationToken cancellationToken = default)
    {
        var client = await Owned(ownerId, clientId).Include(c => c.RedirectUris).Include(c => c.PostLogoutRedirectUris)
            .Include(c => c.MachineScopes).AsSplitQuery().SingleOrDefaultAsync(cancellationToken);
        if (client is null)
        {
            return null;
        }

        var grantTypes = edit.GrantTypes ?? RequireAllowedGrantType.Of(client.AllowedGrantTypes);
        var machineScopeNames = edit.MachineScopes ?? client.MachineScopes.Select(s => s.Name).ToList();
        var authentication = edit.Authentication ?? new ClientKeys(client.TokenEndpointAuthMethod, client.Jwks, client.JwksUri);
        var errors = rules.Validate(new ClientRegistration(client.OwnerId, edit.Name, edit.Description, edit.ImageUrl, client.Type, edit.RedirectUris)
        {
            PostLogoutRedirectUris = edit.PostLogoutRedirectUris,
            BackchannelLogoutUri = edit.BackchannelLogoutUri,
            IdTokenSignedResponseAlg = edit.IdTokenSignedResponseAlg,
            GrantTypes = grantTypes,
            MachineScopes = machineScopeNames,
            TokenEndpointAuthMethod = authentication.Method,
            Jwks = authentication.Jwks,
            JwksUri = authentication.JwksUri,
            RequirePushedAuthorizationRequests = edit.RequirePushedAuthorizationRequests ?? client.RequirePushedAuthorizationRequests,
            DpopBoundAccessTokens = edit.DpopBoundAccessTokens ?? client.DpopBoundAccessTokens,
            Profile = edit.Profile ?? client.Profile,
            ClientUri = edit.ClientUri ?? client.ClientUri,
            SoftwareId = edit.SoftwareId ?? client.SoftwareId,
            SoftwareVersion = edit.SoftwareVersion ?? client.SoftwareVersion,
            Contacts = edit.Contacts ?? client.Contacts?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
        });
        var (machineScopes, machineScopeErrors) = await machineScopeRules.ResolveAsync(
            machineScopeNames, GrantTypeRegistrationRules.Effective(grantTypes), cancellationToken);
        errors.AddRange(machineScopeErrors);
        if (errors.Count > 0)
        {
            return Outcome<ClientSaved>.Failure(errors);
        }

        var before = ClientSecuritySummary.Snapshot(client);
        var (newSecret, secretDeleted) = ApplySecurity(client, edit, authentication);

        client.Name = edit.Name.Trim();
        client.Description = edit.Description?.Trim() ?? "";
        client.ImageUrl = string.IsNullOrWhiteSpace(edit.ImageUrl) ? null : edit.ImageUrl.Trim();
        client.BackchannelLogoutUri = ClientRegistrationRules.BackchannelLogoutUriOf(edit.BackchannelLogoutUri);
        client.ClientUri = edit.ClientUri is null ? client.ClientUri : ClientRegistrationRules.OptionalOf(edit.ClientUri);
        client.SoftwareId = edit.SoftwareId is null ? client.SoftwareId : ClientRegistrationRules.OptionalOf(edit.SoftwareId);
        client.SoftwareVersion = edit.SoftwareVersion is null ? client.SoftwareVersion : ClientRegistrationRules.OptionalOf(edit.SoftwareVersion);
        client.Contacts = edit.Contacts is null ? client.Contacts : ClientRegistrationRules.ContactsOf(edit.Contacts);
        client.IdTokenSignedResponseAlg = ClientRegistrationRules.IdTokenAlgorithmOf(edit.IdTokenSignedResponseAlg);
        client.AllowedGrantTypes = RequireAllowedGrantType.Format(GrantTypeRegistrationRules.Effective(grantTypes));
        client.MachineScopes.RemoveAll(s => !machineScopes.Contains(s));
        client.MachineScopes.AddRange(machineScopes.Where(s => !client.MachineScopes.Contains(s)).ToList());
        client.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        Replace(db.RedirectUris, client.RedirectUris, edit.RedirectUris, r => r.Uri, RedirectUri.For);
        Replace(db.PostLogoutRedirectUris, client.PostLogoutRedirectUris, edit.PostLogoutRedirectUris, r => r.Uri, PostLogoutRedirectUri.For);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await machineScopeRules.RevokeWithdrawnAsync(client.Id, RequireAllowedGrantType.Allows(client, OAuthParameterNames.GrantClientCredentials),
                client.MachineScopes.Select(s => s.Id).ToList(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save of the same client won the race (e.g. a double submit): nothing of this one was kept.
            return Outcome<ClientSaved>.Failure(nameof(ClientEdit.RedirectUris), "The client was changed at the same time; reload it and try again.");
        }

        await events.ClientChangedAsync(new ClientChangedEvent(client.Id, client.Name, actor, ClientChange.Edited, ClientSecuritySummary.Changes(before, client)));
        if (secretDeleted || newSecret is not null)
        {
            await events.ClientChangedAsync(new ClientChangedEvent(client.Id, client.Name, actor,
                secretDeleted ? ClientChange.SecretDeleted : ClientChange.SecretCreated, $"token_endpoint_auth_method={client.TokenEndpointAuthMethod}"));
        }

        return Outcome<ClientSaved>.Success(new ClientSaved(newSecret, secretDeleted));
    }

    /// <summary>
    /// Sets the method, keys, PAR, DPoP and profile of a validated edit. A client that no longer uses a secret loses it;
    /// one that uses a secret but has none (it came from private_key_jwt) gets a new one.
    /// </summary>
    private (string? NewSecret, bool SecretDeleted) ApplySecurity(Client client, ClientEdit edit, ClientKeys authentication)
    {
        var method = ClientAuthenticationRegistrationRules.Effective(client.Type, authentication.Method);
        client.TokenEndpointAuthMethod = method;
        client.Jwks = ClientAuthenticationRegistrationRules.JwksOf(method, authentication.Jwks);
        client.JwksUri = ClientAuthenticationRegistrationRules.JwksUriOf(method, authentication.JwksUri);
        client.RequirePushedAuthorizationRequests = edit.RequirePushedAuthorizationRequests ?? client.RequirePushedAuthorizationRequests;
        client.DpopBoundAccessTokens = edit.DpopBoundAccessTokens ?? client.DpopBoundAccessTokens;
        client.Profile = edit.Profile ?? client.Profile;
        if (!ClientAuthenticationRegistrationRules.UsesSecret(method))
        {
            var deleted = client.SecretHash is not null;
            client.SecretHash = null;
            return (null, deleted);
        }

        if (client.SecretHash is not null)
        {
            return (null, false);
        }

        var secret = TokenGenerator.NewSecret();
        client.SecretHash = SecretHasher.Hash(secret);
        return (secret, false);
    }

    /// <summary>
    /// A new secret for a confidential client that authenticates with one; the old one stops working at once. Null when
    /// not found, public, or a private_key_jwt client (which has no secret to rotate: its keys are its credentials).
    /// </summary>
    public async Task<string?> RotateSecretAsync(string? ownerId, string clientId, string actor, CancellationToken cancellationToken = default)
    {
        var secret = TokenGenerator.NewSecret();
        var changed = await Owned(ownerId, clientId).Where(c => c.Type == ClientType.Confidential &&
                (c.TokenEndpointAuthMethod == ClientAuthenticationMethod.ClientSecretBasic || c.TokenEndpointAuthMethod == ClientAuthenticationMethod.ClientSecretPost))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SecretHash, SecretHasher.Hash(secret))
                .SetProperty(c => c.UpdatedAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (changed == 0)
        {
            return null;
        }

        await RaiseAsync(clientId, actor, ClientChange.SecretRotated, cancellationToken);
        return secret;
    }

    /// <summary>
    /// A disabled client can neither authorize nor get, refresh, revoke or introspect tokens, and its access tokens are
    /// refused by protected APIs; enabling it again restores all of that. False when not found.
    /// </summary>
    public async Task<bool> SetEnabledAsync(string? ownerId, string clientId, bool enabled, string actor, CancellationToken cancellationToken = default)
    {
        var changed = await Owned(ownerId, clientId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Enabled, enabled)
            .SetProperty(c => c.UpdatedAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (changed > 0)
        {
            await RaiseAsync(clientId, actor, enabled ? ClientChange.Enabled : ClientChange.Disabled, cancellationToken);
        }

        return changed > 0;
    }

    /// <summary>Deletes the client with its redirect URIs, codes, tokens and consent grants; the client_id is gone for good.</summary>
    public async Task<bool> DeleteAsync(string? ownerId, string clientId, string actor, CancellationToken cancellationToken = default)
    {
        var name = await Owned(ownerId, clientId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null || await Owned(ownerId, clientId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return false;
        }

        await events.ClientChangedAsync(new ClientChangedEvent(clientId, name, actor, ClientChange.Deleted));
        return true;
    }

    /// <summary>Makes <paramref name="registered"/> hold exactly <paramref name="wanted"/>: rows of URIs kept stay (with their ids), the rest go.</summary>
    private static void Replace<T>(DbSet<T> rows, List<T> registered, IReadOnlyList<string> wanted, Func<T, string> uriOf, Func<string, T> create)
        where T : class
    {
        var kept = wanted.ToHashSet(StringComparer.Ordinal);
        rows.RemoveRange(registered.Where(r => !kept.Contains(uriOf(r))));
        var existing = registered.Select(uriOf).ToHashSet(StringComparer.Ordinal);
        registered.AddRange(wanted.Where(u => !existing.Contains(u)).Select(create));
    }

    private IQueryable<Client> Owned(string? ownerId, string clientId) =>
        ownerId is null ? db.Clients.Where(c => c.Id == clientId) : db.Clients.Where(c => c.Id == clientId && c.OwnerId == ownerId);

    private async Task RaiseAsync(string clientId, string actor, ClientChange change, CancellationToken cancellationToken)
    {
        var name = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Name).SingleAsync(cancellationToken);
        await events.ClientChangedAsync(new ClientChangedEvent(clientId, name, actor, change));
    }
}
