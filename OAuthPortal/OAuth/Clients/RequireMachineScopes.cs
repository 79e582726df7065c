using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Token;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// A client's machine scopes (<see cref="Client.MachineScopes"/>: what it may get with no user, RFC 6749 §4.4) are
/// existing scopes that are not <see cref="Scope.UserOnly"/>, and only a client allowed client_credentials has any.
/// Checked on registration and on every edit; when a scope becomes user-only, <see cref="WithdrawAsync"/> takes it back
/// from every client and revokes the live tokens without a user that carry it; after an edit, <see cref="RevokeWithdrawnAsync"/>
/// revokes the machine tokens the client may no longer get.
/// </summary>
public sealed class RequireMachineScopes(PortalDbContext db, TimeProvider clock)
{
    private const string LinkTable = "ClientMachineScopes";
    private const string ScopeKey = "MachineScopesId";

    /// <summary>The scopes a client may choose as machine scopes, by name.</summary>
    public async Task<IReadOnlyList<Scope>> EligibleAsync(CancellationToken cancellationToken = default) =>
        await db.Scopes.AsNoTracking().Where(s => !s.UserOnly).OrderBy(s => s.Name).ToListAsync(cancellationToken);

    /// <summary>
    /// The scopes named by <paramref name="names"/>, tracked (ready to be a client's <see cref="Client.MachineScopes"/>),
    /// or why not: a name that is no scope, a user-only scope, a name listed twice, or any machine scope for a client
    /// whose <paramref name="grantTypes"/> (as registered, after defaults) do not include client_credentials.
    /// </summary>
    public async Task<(List<Scope> Scopes, List<FieldError> Errors)> ResolveAsync(
        IReadOnlyList<string> names, IReadOnlyList<string> grantTypes, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        if (names.Count == 0)
        {
            return ([], errors);
        }

        if (!grantTypes.Contains(P.GrantClientCredentials))
        {
            errors.Add(Error($"Machine scopes are only for {P.GrantClientCredentials}: allow that grant type or choose no machine scope."));
        }

        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count < names.Count)
        {
            errors.AddRange(names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1)
                .Select(g => Error($"The machine scope {FieldText.Quote(g.Key)} is listed twice.")));
        }

        var found = await db.Scopes.Where(s => distinct.Contains(s.Name)).ToListAsync(cancellationToken);
        foreach (var name in distinct)
        {
            var scope = found.SingleOrDefault(s => s.Name == name); // SQL may compare case-insensitively; names are case-sensitive
            if (scope is null)
            {
                errors.Add(Error($"There is no scope named {FieldText.Quote(name)}."));
            }
            else if (scope.UserOnly)
            {
                errors.Add(Error($"The scope {FieldText.Quote(name)} is user-only: only a user can grant it, so it cannot be a machine scope."));
            }
        }

        return (errors.Count > 0 ? [] : distinct.Select(name => found.Single(s => s.Name == name)).ToList(), errors);
    }

    /// <summary>
    /// For a scope just made user-only: removes it from every client's machine scopes, and revokes every live token
    /// without a user that carries it. Returns how many clients and tokens.
    /// </summary>
    public async Task<(int Clients, int Tokens)> WithdrawAsync(int scopeId, CancellationToken cancellationToken = default)
    {
        var clients = await db.Set<Dictionary<string, object>>(LinkTable)
            .Where(link => EF.Property<int>(link, ScopeKey) == scopeId)
            .ExecuteDeleteAsync(cancellationToken);
        var tokens = await db.AccessTokens.Where(t => t.UserId == null && t.Scopes.Any(s => s.Id == scopeId))
            .RevokeAsync(clock.GetUtcNow().UtcDateTime, TokenRevocationReason.RevokedByAdmin, cancellationToken);
        return (clients, tokens);
    }

    /// <summary>
    /// After an edit of a client: its live tokens without a user that the client may no longer get are revoked: every
    /// one when it lost client_credentials, otherwise those carrying a scope that is no longer one of its machine scopes
    /// (a developer cutting off a leaked service credential must not wait for the tokens to expire).
    /// </summary>
    public Task<int> RevokeWithdrawnAsync(string clientId, bool clientCredentials, IReadOnlyCollection<int> machineScopeIds, CancellationToken cancellationToken = default)
    {
        var ids = machineScopeIds.ToList();
        return db.AccessTokens.Where(t => t.ClientId == clientId && t.UserId == null && (!clientCredentials || t.Scopes.Any(s => !ids.Contains(s.Id))))
            .RevokeAsync(clock.GetUtcNow().UtcDateTime, TokenRevocationReason.RevokedByClient, cancellationToken);
    }

    private static FieldError Error(string message) => new(nameof(ClientRegistration.MachineScopes), message);
}
