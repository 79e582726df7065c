using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.OAuth.Events;

/// <summary>
/// The default <see cref="IOAuthEvents"/>: logs every event (through <see cref="LoggingOAuthEvents"/>) and appends it
/// to the audit log in its own database scope. A failure to write the audit entry is logged and swallowed: the audit
/// never breaks the request it records.
/// </summary>
public sealed class AuditingOAuthEvents(
    LoggingOAuthEvents log, IServiceScopeFactory scopes, IHttpContextAccessor http, TimeProvider clock, ILogger<AuditingOAuthEvents> logger)
    : IOAuthEvents
{
    /// <summary>The audit action of each client, user, scope, protected resource, signing-key and initial-access-token change (<c>AuditActionsTests</c> checks that every change has one).</summary>
    public static readonly IReadOnlyDictionary<Enum, AuditAction> Actions = new Dictionary<Enum, AuditAction>
    {
        [ClientChange.Created] = AuditAction.ClientCreated, [ClientChange.Edited] = AuditAction.ClientEdited,
        [ClientChange.SecretRotated] = AuditAction.ClientSecretRotated, [ClientChange.Disabled] = AuditAction.ClientDisabled,
        [ClientChange.Enabled] = AuditAction.ClientEnabled, [ClientChange.Deleted] = AuditAction.ClientDeleted,
        [ClientChange.SecretDeleted] = AuditAction.ClientSecretDeleted, [ClientChange.SecretCreated] = AuditAction.ClientSecretCreated,
        [UserChange.AdminRoleGranted] = AuditAction.AdminRoleGranted, [UserChange.AdminRoleRemoved] = AuditAction.AdminRoleRemoved,
        [UserChange.Locked] = AuditAction.UserLocked, [UserChange.Unlocked] = AuditAction.UserUnlocked, [UserChange.Deleted] = AuditAction.UserDeleted,
        [UserChange.PasswordSet] = AuditAction.UserPasswordSet,
        [UserChange.PasskeyAdded] = AuditAction.PasskeyAdded, [UserChange.PasskeyRenamed] = AuditAction.PasskeyRenamed,
        [UserChange.PasskeyRemoved] = AuditAction.PasskeyRemoved,
        [UserChange.SignedIn] = AuditAction.SignedIn, [UserChange.SignInFailed] = AuditAction.SignInFailed, [UserChange.LockedOut] = AuditAction.UserLockedOut,
        [UserChange.Registered] = AuditAction.UserRegistered, [UserChange.TwoFactorEnabled] = AuditAction.TwoFactorEnabled,
        [UserChange.TwoFactorDisabled] = AuditAction.TwoFactorDisabled, [UserChange.RecoveryCodesGenerated] = AuditAction.RecoveryCodesGenerated,
        [UserChange.AuthenticatorReset] = AuditAction.AuthenticatorReset,
        [UserChange.Created] = AuditAction.UserCreated, [UserChange.SessionsEnded] = AuditAction.UserSessionsEnded,
        [ScopeChange.Created] = AuditAction.ScopeCreated, [ScopeChange.Edited] = AuditAction.ScopeEdited, [ScopeChange.Deleted] = AuditAction.ScopeDeleted,
        [ResourceChange.Created] = AuditAction.ResourceCreated, [ResourceChange.Edited] = AuditAction.ResourceEdited, [ResourceChange.Deleted] = AuditAction.ResourceDeleted,
        [SigningKeyChange.Created] = AuditAction.SigningKeyCreated, [SigningKeyChange.Rotated] = AuditAction.SigningKeyRotated,
        [SigningKeyChange.Revoked] = AuditAction.SigningKeyRevoked, [SigningKeyChange.Deleted] = AuditAction.SigningKeyDeleted,
        [InitialAccessTokenChange.Created] = AuditAction.InitialAccessTokenCreated, [InitialAccessTokenChange.Revoked] = AuditAction.InitialAccessTokenRevoked,
    };

    public async Task ConsentGrantedAsync(ConsentEvent consent)
    {
        await log.ConsentGrantedAsync(consent);
        await WriteAsync(AuditAction.ConsentGranted, user: consent.UserId, target: $"client:{consent.ClientId}", details: $"scopes: {string.Join(' ', consent.Scopes)}");
    }

    public async Task ConsentDeniedAsync(ConsentEvent consent)
    {
        await log.ConsentDeniedAsync(consent);
        await WriteAsync(AuditAction.ConsentDenied, user: consent.UserId, target: $"client:{consent.ClientId}", details: $"scopes: {string.Join(' ', consent.Scopes)}");
    }

    public async Task ConsentRevokedAsync(ConsentEvent consent)
    {
        await log.ConsentRevokedAsync(consent);
        await WriteAsync(AuditAction.ConsentRevoked, user: consent.UserId, target: $"client:{consent.ClientId}", details: "tokens revoked, consent forgotten");
    }

    public async Task AuthorizationCodeReusedAsync(TokenFamilyEvent family)
    {
        await log.AuthorizationCodeReusedAsync(family);
        await WriteAsync(AuditAction.AuthorizationCodeReused, actor: $"client:{family.ClientId}", target: $"grant:{family.GrantId}",
            details: $"revoked {family.RevokedTokens} token(s) of the family", aboutUser: family.UserId);
    }

    public async Task RefreshTokenReusedAsync(TokenFamilyEvent family)
    {
        await log.RefreshTokenReusedAsync(family);
        await WriteAsync(AuditAction.RefreshTokenReused, actor: $"client:{family.ClientId}", target: $"grant:{family.GrantId}",
            details: $"revoked {family.RevokedTokens} token(s) of the family", aboutUser: family.UserId);
    }

    public async Task TokenRevokedAsync(TokenRevokedEvent revoked)
    {
        await log.TokenRevokedAsync(revoked);
        await WriteAsync(AuditAction.TokenRevoked, actor: revoked.RevokedBy, target: $"token:{revoked.TokenId} of client:{revoked.ClientId}",
            details: "", aboutUser: revoked.UserId);
    }

    public async Task TokensRevokedAsync(TokensRevokedEvent revoked)
    {
        await log.TokensRevokedAsync(revoked);
        await WriteAsync(AuditAction.TokenRevoked, actor: revoked.RevokedBy, target: revoked.Target, details: $"{revoked.Count} token(s)");
    }

    public async Task ClientChangedAsync(ClientChangedEvent change)
    {
        await log.ClientChangedAsync(change);
        await WriteAsync(Actions[change.Change], actor: change.Actor, target: $"client:{change.ClientId} ({change.ClientName})", details: change.Details);
    }

    public async Task ClientAuthenticationFailedAsync(ClientAuthenticationFailedEvent failure)
    {
        await log.ClientAuthenticationFailedAsync(failure);
        // The caller proved nothing: the actor is anonymous; the client_id it claimed is only the target.
        var claimed = failure.ClientId is null ? "anonymous" : $"client:{failure.ClientId}";
        await WriteAsync(AuditAction.ClientAuthenticationFailed, actor: "anonymous", target: claimed, details: failure.Failure.Describe());
    }

    public async Task BackchannelLogoutFailedAsync(BackchannelLogoutFailedEvent failure)
    {
        await log.BackchannelLogoutFailedAsync(failure);
        await WriteAsync(AuditAction.BackchannelLogoutFailed, actor: "system", target: $"client:{failure.ClientId}",
            details: $"{failure.Uri}: {failure.Reason} ({failure.Attempts} attempt(s))");
    }

    public async Task UserChangedAsync(UserChangedEvent change)
    {
        await log.UserChangedAsync(change);
        // A failed sign-in may name no account (the address typed has none): the target then says so.
        var target = change.UserId.Length > 0 ? $"user:{change.UserEmail}" : "no account";
        await WriteAsync(Actions[change.Change], actor: change.Actor, target: target, details: change.Details);
    }

    public async Task ScopeChangedAsync(ScopeChangedEvent change)
    {
        await log.ScopeChangedAsync(change);
        await WriteAsync(Actions[change.Change], actor: change.Actor, target: $"scope:{change.Name}", details: change.Details);
    }

    public async Task ResourceChangedAsync(ResourceChangedEvent change)
    {
        await log.ResourceChangedAsync(change);
        await WriteAsync(Actions[change.Change], actor: change.Actor, target: $"resource:{change.Uri}", details: change.Details);
    }

    public async Task SigningKeyChangedAsync(SigningKeyChangedEvent change)
    {
        await log.SigningKeyChangedAsync(change);
        await WriteAsync(Actions[change.Change], actor: change.Actor, target: $"key:{change.KeyId} ({change.Algorithm})", details: change.Details);
    }

    public async Task InitialAccessTokenChangedAsync(InitialAccessTokenChangedEvent change)
    {
        await log.InitialAccessTokenChangedAsync(change);
        await WriteAsync(Actions[change.Change], actor: change.Actor, target: $"initial-access-token:{change.TokenId} ({change.TokenName})",
            details: change.Details, aboutUser: change.OwnerId);
    }

    /// <param name="actor">Who acted, as a display string; when null, the user <paramref name="user"/> (by id) acted.</param>
    /// <param name="aboutUser">A user id the entry concerns, named in the details.</param>
    private async Task WriteAsync(AuditAction action, string target, string details, string? actor = null, string? user = null, string? aboutUser = null)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            actor ??= await EmailOfAsync(db, user) ?? "anonymous";
            if (aboutUser is not null)
            {
                details = $"{details}{(details.Length > 0 ? "; " : "")}user:{await EmailOfAsync(db, aboutUser) ?? aboutUser}";
            }

            db.AuditEvents.Add(new AuditEvent
            {
                OccurredAt = clock.GetUtcNow().UtcDateTime,
                Actor = Cut(actor, AuditEvent.MaxActorLength),
                Action = action,
                Target = Cut(target, AuditEvent.MaxTargetLength),
                Details = Cut(details, AuditEvent.MaxDetailsLength),
                IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            });
            await db.SaveChangesAsync();
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not write the audit entry {Action} on {Target}; the request goes on.", action, target);
        }
    }

    /// <summary>A user's e-mail by id (user ids are what the core knows; people read e-mails).</summary>
    private static async Task<string?> EmailOfAsync(PortalDbContext db, string? userId) =>
        userId is null ? null : await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync();

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..(max - 3)] + "...";
}
