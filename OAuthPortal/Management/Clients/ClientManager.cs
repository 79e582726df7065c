using Microsoft.EntityFrameworkCore;
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
    PortalDbContext db, ClientRegistrationRules rules, RequireMachineScopes machineScopeRules, IOAuthEvents events, TimeProvider clock)
{
    public async Task<ClientDetails?> FindAsync(string? ownerId, string clientId, CancellationToken cancellationToken = default)
    {
        var active = TokenQueries.ActiveAt(clock.GetUtcNow().UtcDateTime);
        return await Owned(ownerId, clientId).AsNoTracking()
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
    }

    /// <summary>
    /// Name, description, image, redirect and post-logout redirect URIs (each list replaces the registered one), back-channel
    /// logout URI, id_token algorithm, grant types and machine scopes (unchanged when null), under the registration rules;
    /// null when not found.
    /// </summary>
    public async Task<Outcome<bool>?> UpdateAsync(string? ownerId, string clientId, ClientEdit edit, string actor, CancellationToken cancellationToken = default)
    {
        var client = await Owned(ownerId, clientId).Include(c => c.RedirectUris).Include(c => c.PostLogoutRedirectUris)
            .Include(c => c.MachineScopes).AsSplitQuery().SingleOrDefaultAsync(cancellationToken);
        if (client is null)
        {
            return null;
        }

        var grantTypes = edit.GrantTypes ?? RequireAllowedGrantType.Of(client.AllowedGrantTypes);
        var machineScopeNames = edit.MachineScopes ?? client.MachineScopes.Select(s => s.Name).ToList();
        var errors = rules.Validate(new ClientRegistration(client.OwnerId, edit.Name, edit.Description, edit.ImageUrl, client.Type, edit.RedirectUris)
        {
            PostLogoutRedirectUris = edit.PostLogoutRedirectUris,
            BackchannelLogoutUri = edit.BackchannelLogoutUri,
            IdTokenSignedResponseAlg = edit.IdTokenSignedResponseAlg,
            GrantTypes = grantTypes,
            MachineScopes = machineScopeNames,
        });
        var (machineScopes, machineScopeErrors) = await machineScopeRules.ResolveAsync(
            machineScopeNames, GrantTypeRegistrationRules.Effective(grantTypes), cancellationToken);
        errors.AddRange(machineScopeErrors);
        if (errors.Count > 0)
        {
            return Outcome<bool>.Failure(errors);
        }

        client.Name = edit.Name.Trim();
        client.Description = edit.Description?.Trim() ?? "";
        client.ImageUrl = string.IsNullOrWhiteSpace(edit.ImageUrl) ? null : edit.ImageUrl.Trim();
        client.BackchannelLogoutUri = ClientRegistrationRules.BackchannelLogoutUriOf(edit.BackchannelLogoutUri);
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
            return Outcome<bool>.Failure(nameof(ClientEdit.RedirectUris), "The client was changed at the same time; reload it and try again.");
        }

        await events.ClientChangedAsync(new ClientChangedEvent(client.Id, client.Name, actor, ClientChange.Edited));
        return Outcome<bool>.Success(true);
    }

    /// <summary>A new secret for a confidential client; the old one stops working at once. Null when not found or public.</summary>
    public async Task<string?> RotateSecretAsync(string? ownerId, string clientId, string actor, CancellationToken cancellationToken = default)
    {
        var secret = TokenGenerator.NewSecret();
        var changed = await Owned(ownerId, clientId).Where(c => c.Type == ClientType.Confidential)
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
