using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Registration;

namespace OAuthPortal.Management.Registration;

/// <summary>
/// A developer's initial access tokens (RFC 7591 §3), for the developer area and the CLI: list them, make one under
/// <see cref="InitialAccessTokenRules"/> (refused while registration is <see cref="RegistrationMode.Disabled"/>), revoke
/// one. Every method takes the owner's user id: another's token is "not found". Creating and revoking are audited.
/// </summary>
public sealed class RegistrationTokenCatalog(
    PortalDbContext db, InitialAccessTokens tokens, IOAuthEvents events, TimeProvider clock,
    IOptions<OAuthOptions> options)
{
    /// <summary>The field of the error given while registration by programs is disabled.</summary>
    public const string ModeField = "Mode";

    /// <summary>Who may register clients right now (the configured mode, or the environment's default).</summary>
    public RegistrationMode Mode => options.Value.Registration.EffectiveMode;

    /// <summary>How long a token lives unless its maker says otherwise (<c>OAuth:Registration:DefaultTokenLifetime</c>).</summary>
    public TimeSpan DefaultLifetime => options.Value.Registration.DefaultTokenLifetime;

    /// <summary>The owner's tokens, newest first.</summary>
    public async Task<IReadOnlyList<RegistrationTokenListItem>> ListAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var rows = await db.InitialAccessTokens.AsNoTracking().Where(t => t.OwnerId == ownerId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).ToListAsync(cancellationToken);
        return rows.Select(ItemOf).ToList();
    }

    /// <summary>One of the owner's tokens, or null when it does not exist or is someone else's.</summary>
    public async Task<RegistrationTokenListItem?> FindAsync(string ownerId, long id, CancellationToken cancellationToken = default) =>
        await db.InitialAccessTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.OwnerId == ownerId, cancellationToken) is { } row
            ? ItemOf(row)
            : null;

    /// <summary>
    /// A new token for <paramref name="ownerId"/>, valid for <paramref name="lifetime"/>, for one client or (multi-use) up to the
    /// configured cap, optionally limited to <paramref name="grantTypes"/>; its value is in the result, once.
    /// </summary>
    public async Task<Outcome<CreatedRegistrationToken>> CreateAsync(
        string ownerId, string? name, TimeSpan lifetime, bool multiUse, IReadOnlyCollection<string>? grantTypes, string actor,
        CancellationToken cancellationToken = default)
    {
        if (Mode == RegistrationMode.Disabled)
        {
            return Outcome<CreatedRegistrationToken>.Failure(ModeField,
                "Registration by programs is disabled (OAuth:Registration:Mode is Disabled): initial access tokens cannot be created.");
        }

        var errors = InitialAccessTokenRules.Validate(name, lifetime, grantTypes);
        if (errors.Count > 0)
        {
            return Outcome<CreatedRegistrationToken>.Failure(errors);
        }

        var cap = grantTypes is { Count: > 0 } ? RequireAllowedGrantType.Of(RequireAllowedGrantType.Format(grantTypes)) : null;
        var (token, row) = await tokens.CreateAsync(ownerId, name!, lifetime, multiUse, cap, cancellationToken);
        await RaiseAsync(row, actor, InitialAccessTokenChange.Created, cancellationToken);
        return Outcome<CreatedRegistrationToken>.Success(
            new CreatedRegistrationToken(row.Id, token, row.Name, row.ExpiresAt, row.MultiUse, row.MaxClients, cap ?? []));
    }

    /// <summary>Revokes one of the owner's tokens; false when it is not theirs or was revoked already.</summary>
    public async Task<bool> RevokeAsync(string ownerId, long id, string actor, CancellationToken cancellationToken = default)
    {
        if (!await tokens.RevokeAsync(ownerId, id, cancellationToken))
        {
            return false;
        }

        var row = await db.InitialAccessTokens.AsNoTracking().SingleAsync(t => t.Id == id, cancellationToken);
        await RaiseAsync(row, actor, InitialAccessTokenChange.Revoked, cancellationToken);
        return true;
    }

    private RegistrationTokenListItem ItemOf(InitialAccessToken t) => new(
        t.Id, t.Name, t.CreatedAt, t.ExpiresAt, t.MultiUse, t.MaxClients, t.RegisteredClients,
        t.AllowedGrantTypes is null ? [] : RequireAllowedGrantType.Of(t.AllowedGrantTypes), t.RevokedAt, StatusOf(t, clock.GetUtcNow().UtcDateTime));

    public static RegistrationTokenStatus StatusOf(InitialAccessToken token, DateTime now) =>
        token.RevokedAt is not null ? RegistrationTokenStatus.Revoked
        : token.RegisteredClients >= token.MaxClients ? RegistrationTokenStatus.UsedUp
        : token.ExpiresAt <= now ? RegistrationTokenStatus.Expired
        : RegistrationTokenStatus.Active;

    private Task RaiseAsync(InitialAccessToken row, string actor, InitialAccessTokenChange change, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var details = string.Create(CultureInfo.InvariantCulture,
            $"expires {row.ExpiresAt:yyyy-MM-dd HH:mm} UTC; {(row.MultiUse ? $"up to {row.MaxClients} clients" : "single use")}; " +
            $"grant types: {row.AllowedGrantTypes ?? "any"}");
        return events.InitialAccessTokenChangedAsync(new InitialAccessTokenChangedEvent(row.Id, row.Name, row.OwnerId, actor, change, details));
    }
}
