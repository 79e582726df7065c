using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Scopes;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Management.Scopes;

/// <summary>Creates, lists, edits and deletes scopes: the rules shared by the admin pages and the CLI.</summary>
public sealed class ScopeCatalog(PortalDbContext db, RequireMachineScopes machineScopes, IOAuthEvents events, TimeProvider clock)
{
    /// <param name="actor">Who creates it, for the audit log (an e-mail, "cli", "system").</param>
    /// <param name="userOnly">Only a user can grant it: never issued without a user, never a client's machine scope (<see cref="Scope.UserOnly"/>).</param>
    public async Task<Outcome<Scope>> CreateAsync(
        string name, string description, string actor = "system", bool userOnly = false, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        if (ScopeNamePolicy.Validate(name) is { } nameProblem)
        {
            errors.Add(new(nameof(Scope.Name), nameProblem));
        }
        else if (await db.Scopes.AnyAsync(s => s.Name == name, cancellationToken))
        {
            errors.Add(new(nameof(Scope.Name), $"A scope named '{name}' already exists."));
        }

        var trimmedDescription = description?.Trim() ?? "";
        errors.AddRange(ValidateDescription(trimmedDescription));

        if (errors.Count > 0)
        {
            return Outcome<Scope>.Failure(errors);
        }

        var scope = new Scope { Name = name, Description = trimmedDescription, UserOnly = userOnly };
        db.Scopes.Add(scope);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost a race with a concurrent create of the same name (the unique index caught it).
            db.Entry(scope).State = EntityState.Detached;
            if (!await db.Scopes.AsNoTracking().AnyAsync(s => s.Name == name, cancellationToken))
            {
                throw;
            }

            return Outcome<Scope>.Failure(nameof(Scope.Name), $"A scope named '{name}' already exists.");
        }

        await events.ScopeChangedAsync(new ScopeChangedEvent(name, ScopeChange.Created, actor));
        return Outcome<Scope>.Success(scope);
    }

    /// <summary>
    /// A new description and user-only flag (the name is what clients request, so it never changes); null when not found.
    /// The OpenID Connect scopes stay user-only. A scope that becomes user-only leaves every client's machine scopes and
    /// the live tokens without a user that carry it are revoked (<see cref="RequireMachineScopes.WithdrawAsync"/>).
    /// </summary>
    public async Task<Outcome<ScopeSaved>?> UpdateAsync(int id, string description, bool userOnly, string actor, CancellationToken cancellationToken = default)
    {
        var scope = await db.Scopes.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (scope is null)
        {
            return null;
        }

        var trimmed = description?.Trim() ?? "";
        var errors = ValidateDescription(trimmed).ToList();
        if (!userOnly && BuiltInScopes.Contains(scope.Name))
        {
            errors.Add(new(nameof(Scope.UserOnly), "OpenID Connect defines this scope for signing users in and describing them: it is always user-only."));
        }

        if (errors.Count > 0)
        {
            return Outcome<ScopeSaved>.Failure(errors);
        }

        var becameUserOnly = userOnly && !scope.UserOnly;
        var flagChanged = userOnly != scope.UserOnly;
        (scope.Description, scope.UserOnly) = (trimmed, userOnly);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var (clients, tokens) = becameUserOnly ? await machineScopes.WithdrawAsync(id, cancellationToken) : (0, 0);
        await transaction.CommitAsync(cancellationToken);
        await events.ScopeChangedAsync(new ScopeChangedEvent(scope.Name, ScopeChange.Edited, actor, !flagChanged ? ""
            : becameUserOnly ? $"made user-only: removed from the machine scopes of {clients} client(s), revoked {tokens} token(s) without a user"
            : "no longer user-only"));
        return Outcome<ScopeSaved>.Success(new ScopeSaved(scope.Name, becameUserOnly, clients, tokens));
    }

    /// <summary>
    /// One page of the scopes whose name or description contains <paramref name="query"/> (case-insensitive), by name,
    /// with usage counts (counted for that page only).
    /// </summary>
    public async Task<PagedList<ScopeUsage>> SearchWithUsageAsync(string? query, int page, CancellationToken cancellationToken = default)
    {
        page = PagedList.Clamp(page);
        var scopes = db.Scopes.AsQueryable();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var text = query.Trim().ToUpperInvariant();
            scopes = scopes.Where(s => s.Name.ToUpper().Contains(text) || s.Description.ToUpper().Contains(text));
        }

        var total = await scopes.CountAsync(cancellationToken);
        var items = await WithUsage(scopes.OrderBy(s => s.Name).Page(page))
            .ToListAsync(cancellationToken);
        return new PagedList<ScopeUsage>(items, page, total);
    }

    public Task<ScopeUsage?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        WithUsage(db.Scopes.Where(s => s.Id == id)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The scope named <paramref name="name"/> (names are case-sensitive, as clients request them), with usage counts.</summary>
    public Task<ScopeUsage?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        WithUsage(db.Scopes.Where(s => s.Name == name)).SingleOrDefaultAsync(cancellationToken);

    private IQueryable<ScopeUsage> WithUsage(IQueryable<Scope> scopes)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var active = TokenQueries.ActiveAt(now);
        return scopes.AsNoTracking().Select(s => new ScopeUsage(s.Id, s.Name, s.Description,
            db.ConsentGrants.Count(g => g.Scopes.Any(x => x.Id == s.Id)),
            db.AuthorizationCodes.Count(c => c.ConsumedAt == null && c.ExpiresAt > now && c.Scopes.Any(x => x.Id == s.Id)) +
                db.DeviceCodes.Count(d => d.ConsumedAt == null && d.ExpiresAt > now && d.Status != DeviceCodeStatus.Denied && d.Scopes.Any(x => x.Id == s.Id)),
            db.AccessTokens.Where(t => t.Scopes.Any(x => x.Id == s.Id)).Count(active), s.UserOnly,
            db.Clients.Count(c => c.MachineScopes.Any(x => x.Id == s.Id))));
    }

    /// <summary>
    /// Deletes a scope. While grants, pending codes, active tokens or machine clients use it the deletion is refused,
    /// unless <paramref name="revokeUses"/>: then those tokens are revoked, those codes deleted (device requests declined),
    /// and it leaves every grant and every client's machine scopes.
    /// </summary>
    public async Task<ScopeDeletion> DeleteAsync(int id, bool revokeUses, string actor, CancellationToken cancellationToken = default)
    {
        var usage = await FindAsync(id, cancellationToken);
        if (usage is null)
        {
            return ScopeDeletion.NotFound;
        }

        if (BuiltInScopes.Contains(usage.Name))
        {
            return ScopeDeletion.BuiltIn;
        }

        if (usage.InUse && !revokeUses)
        {
            return ScopeDeletion.InUse;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var revoked = await db.AccessTokens.Where(t => t.Scopes.Any(s => s.Id == id)).RevokeAsync(now, TokenRevocationReason.RevokedByAdmin, cancellationToken);
        var codes = await db.AuthorizationCodes.Where(c => c.ConsumedAt == null && c.Scopes.Any(s => s.Id == id)).ExecuteDeleteAsync(cancellationToken);
        // A device request for it is declined (the device hears access_denied), not left to give tokens without it.
        codes += await db.DeviceCodes.Where(d => d.ConsumedAt == null && d.Status != DeviceCodeStatus.Denied && d.Scopes.Any(s => s.Id == id))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeviceCodeStatus.Denied), cancellationToken);
        await db.Scopes.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken); // its links go with it (cascade)
        await transaction.CommitAsync(cancellationToken);
        await events.ScopeChangedAsync(new ScopeChangedEvent(usage.Name, ScopeChange.Deleted, actor,
            usage.InUse ? $"revoked {revoked} token(s), withdrew {codes} pending code(s), removed from {usage.Grants} grant(s) and {usage.MachineClients} client(s)' machine scopes" : ""));
        return ScopeDeletion.Deleted;
    }

    private static IEnumerable<FieldError> ValidateDescription(string description)
    {
        if (description.Length == 0)
        {
            yield return new(nameof(Scope.Description), "A description is required: it tells users what they are agreeing to.");
        }
        else if (description.Length > Scope.MaxDescriptionLength)
        {
            yield return new(nameof(Scope.Description), $"The description must be at most {Scope.MaxDescriptionLength} characters long.");
        }
    }

    public async Task<IReadOnlyList<Scope>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Scopes.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
}
