using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth;

/// <summary>Creates and lists scopes: the rules shared by the admin pages and the CLI.</summary>
public sealed class ScopeCatalog(PortalDbContext db)
{
    public async Task<Outcome<Scope>> CreateAsync(string name, string description, CancellationToken cancellationToken = default)
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
        if (trimmedDescription.Length == 0)
        {
            errors.Add(new(nameof(Scope.Description), "A description is required: it tells users what they are agreeing to."));
        }
        else if (trimmedDescription.Length > Scope.MaxDescriptionLength)
        {
            errors.Add(new(nameof(Scope.Description), $"The description must be at most {Scope.MaxDescriptionLength} characters long."));
        }

        if (errors.Count > 0)
        {
            return Outcome<Scope>.Failure(errors);
        }

        var scope = new Scope { Name = name, Description = trimmedDescription };
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

        return Outcome<Scope>.Success(scope);
    }

    public async Task<IReadOnlyList<Scope>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Scopes.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
}
