using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Resources;

namespace OAuthPortal.Management.Resources;

/// <summary>
/// Registers, lists, edits and deletes protected resources (RFC 8707): what clients may name in <c>resource</c>. A
/// deleted resource is no longer known (requests naming it get <c>invalid_target</c>); tokens already issued for it
/// keep it in their audience until they expire.
/// </summary>
public sealed class ResourceCatalog(PortalDbContext db, ResourceUriPolicy uriPolicy, IOAuthEvents events, TimeProvider clock)
{
    public async Task<IReadOnlyList<ResourceListItem>> ListAsync(CancellationToken cancellationToken = default) =>
        await Items(db.ProtectedResources.OrderBy(r => r.Uri)).ToListAsync(cancellationToken);

    public Task<ResourceListItem?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        Items(db.ProtectedResources.Where(r => r.Id == id)).SingleOrDefaultAsync(cancellationToken);

    /// <param name="scopeIds">The scopes it accepts; none: it accepts any scope.</param>
    /// <param name="actor">Who registers it, for the audit log.</param>
    public async Task<Outcome<ResourceListItem>> CreateAsync(
        string uri, string name, IReadOnlyCollection<int> scopeIds, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        if (uriPolicy.Validate(uri) is { } problem)
        {
            errors.Add(new(nameof(ProtectedResource.Uri), problem));
        }
        else if (await db.ProtectedResources.AnyAsync(r => r.Uri == uri, cancellationToken))
        {
            errors.Add(new(nameof(ProtectedResource.Uri), "A resource with this URI is registered already."));
        }

        var trimmedName = name.Trim();
        errors.AddRange(ValidateName(trimmedName));
        var scopes = await ScopesAsync(scopeIds, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Outcome<ResourceListItem>.Failure(errors);
        }

        var resource = new ProtectedResource { Uri = uri, Name = trimmedName, Scopes = scopes, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.ProtectedResources.Add(resource);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DuplicateKey.Is(exception))
        {
            // Lost a race with a concurrent registration of the same URI (the unique index caught it).
            return Outcome<ResourceListItem>.Failure(nameof(ProtectedResource.Uri), "A resource with this URI is registered already.");
        }

        await events.ResourceChangedAsync(new ResourceChangedEvent(uri, ResourceChange.Created, actor, ScopeDetails(scopes)));
        return Outcome<ResourceListItem>.Success(new ResourceListItem(resource.Id, uri, trimmedName, scopes.Select(s => s.Name).ToList(), resource.CreatedAt));
    }

    /// <summary>A new name and scope list (the URI is what clients name, so it never changes); null when not found.</summary>
    public async Task<Outcome<ResourceListItem>?> UpdateAsync(
        long id, string name, IReadOnlyCollection<int> scopeIds, string actor, CancellationToken cancellationToken = default)
    {
        var resource = await db.ProtectedResources.Include(r => r.Scopes).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (resource is null)
        {
            return null;
        }

        var trimmedName = name.Trim();
        var errors = ValidateName(trimmedName).ToList();
        var scopes = await ScopesAsync(scopeIds, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Outcome<ResourceListItem>.Failure(errors);
        }

        resource.Name = trimmedName;
        resource.Scopes.Clear();
        resource.Scopes.AddRange(scopes);
        await db.SaveChangesAsync(cancellationToken);
        await events.ResourceChangedAsync(new ResourceChangedEvent(resource.Uri, ResourceChange.Edited, actor, ScopeDetails(scopes)));
        return Outcome<ResourceListItem>.Success(new ResourceListItem(id, resource.Uri, trimmedName, scopes.Select(s => s.Name).ToList(), resource.CreatedAt));
    }

    /// <summary>Deletes the registration (its scope links go with it); issued tokens keep their audience. False when not found.</summary>
    public async Task<bool> DeleteAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        var uri = await db.ProtectedResources.Where(r => r.Id == id).Select(r => r.Uri).SingleOrDefaultAsync(cancellationToken);
        if (uri is null || await db.ProtectedResources.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return false;
        }

        await events.ResourceChangedAsync(new ResourceChangedEvent(uri, ResourceChange.Deleted, actor));
        return true;
    }

    private static IQueryable<ResourceListItem> Items(IQueryable<ProtectedResource> resources) => resources.AsNoTracking()
        .Select(r => new ResourceListItem(r.Id, r.Uri, r.Name, r.Scopes.OrderBy(s => s.Name).Select(s => s.Name).ToList(), r.CreatedAt));

    private async Task<List<Scope>> ScopesAsync(IReadOnlyCollection<int> scopeIds, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var ids = scopeIds.Distinct().ToList();
        var scopes = ids.Count == 0 ? [] : await db.Scopes.Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken);
        if (scopes.Count != ids.Count)
        {
            errors.Add(new(nameof(ProtectedResource.Scopes), "A chosen scope no longer exists: choose again."));
        }

        return scopes;
    }

    private static IEnumerable<FieldError> ValidateName(string name)
    {
        if (name.Length == 0)
        {
            yield return new(nameof(ProtectedResource.Name), "A name is required: it tells admins which API this is.");
        }
        else if (name.Length > ProtectedResource.MaxNameLength)
        {
            yield return new(nameof(ProtectedResource.Name), $"The name must be at most {ProtectedResource.MaxNameLength} characters long.");
        }
    }

    private static string ScopeDetails(IEnumerable<Scope> scopes) =>
        scopes.Select(s => s.Name).ToList() is { Count: > 0 } names ? $"scopes: {string.Join(' ', names)}" : "any scope";
}
