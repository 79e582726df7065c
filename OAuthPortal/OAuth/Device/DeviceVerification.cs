using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Scopes;

namespace OAuthPortal.OAuth.Device;

/// <summary>
/// The user's side of the device flow (RFC 8628 §3.3): find the authorization a typed user code names, while it waits,
/// and allow or decline it. A decision is one conditional update (only a pending, unexpired code changes), so two
/// answers at once, or an answer after expiry, change nothing. The limits on wrong codes (§5.1) are
/// <see cref="LimitUserCodeGuesses"/>', around every call the page makes.
/// </summary>
public sealed class DeviceVerification(PortalDbContext db, DatabaseWriteGate writes, ScopeLinks scopeLinks, IOAuthEvents events, TimeProvider clock)
{
    /// <summary>The waiting authorization <paramref name="typedCode"/> names; null when there is none (unknown, expired, or already answered).</summary>
    public async Task<DevicePrompt?> FindAsync(string? typedCode, CancellationToken cancellationToken = default)
    {
        if (UserCode.Normalize(typedCode) is not { } normalized)
        {
            return null;
        }

        var hash = UserCode.Hash(normalized);
        var now = clock.GetUtcNow().UtcDateTime;
        var code = await db.DeviceCodes.AsNoTracking().Include(c => c.Client).ThenInclude(c => c!.Owner)
            .SingleOrDefaultAsync(c => c.UserCodeHash == hash && c.Status == DeviceCodeStatus.Pending && c.ExpiresAt > now, cancellationToken);
        return code is null || !code.Client!.Enabled
            ? null
            : new DevicePrompt(UserCode.Format(normalized), code.Client, await scopeLinks.OfDeviceCodeAsync(code.Id, cancellationToken), code.ExpiresAt);
    }

    /// <summary>The user allows it: the device's next poll gets tokens for them.</summary>
    public async Task<DeviceDecision> ApproveAsync(string? typedCode, SignedInUser user, CancellationToken cancellationToken = default)
    {
        var (decision, consent) = await DecideAsync(typedCode, user.UserId, DeviceCodeStatus.Approved, cancellationToken, grant => grant
            .SetProperty(g => g.UserId, user.UserId)
            .SetProperty(g => g.AuthTime, user.AuthTime)
            .SetProperty(g => g.SessionId, user.SessionId)
            .SetProperty(g => g.AuthenticationMethods, string.Join(' ', user.Methods)));
        if (consent is not null)
        {
            await events.ConsentGrantedAsync(consent);
        }

        return decision;
    }

    /// <summary>The user declines it: the device is told <c>access_denied</c>.</summary>
    public async Task<DeviceDecision> DenyAsync(string? typedCode, string userId, CancellationToken cancellationToken = default)
    {
        var (decision, consent) = await DecideAsync(typedCode, userId, DeviceCodeStatus.Denied, cancellationToken,
            grant => grant.SetProperty(g => g.UserId, userId));
        if (consent is not null)
        {
            await events.ConsentDeniedAsync(consent);
        }

        return decision;
    }

    private async Task<(DeviceDecision Decision, ConsentEvent? Consent)> DecideAsync(
        string? typedCode, string userId, DeviceCodeStatus decision, CancellationToken cancellationToken,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Grant>> grantUpdate)
    {
        if (UserCode.Normalize(typedCode) is not { } normalized)
        {
            return (DeviceDecision.Unknown, null);
        }

        var hash = UserCode.Hash(normalized);
        var now = clock.GetUtcNow().UtcDateTime;
        var code = await db.DeviceCodes.AsNoTracking().Where(c => c.UserCodeHash == hash)
            .Select(c => new { c.Id, c.GrantId, c.ClientId, c.Client!.Enabled }).SingleOrDefaultAsync(cancellationToken);
        if (code is null)
        {
            return (DeviceDecision.Unknown, null);
        }

        // A disabled client's request is not shown (FindAsync), and not answered either: re-enabled, it must not find tokens waiting.
        var decided = code.Enabled && await writes.RunAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var changed = await db.DeviceCodes
                .Where(c => c.Id == code.Id && c.Status == DeviceCodeStatus.Pending && c.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, decision).SetProperty(c => c.UserId, userId).SetProperty(c => c.DecidedAt, now), cancellationToken);
            if (changed != 1)
            {
                return false;
            }

            await db.Grants.Where(g => g.Id == code.GrantId).ExecuteUpdateAsync(grantUpdate, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
        return decided
            ? (DeviceDecision.Recorded, new ConsentEvent(userId, code.ClientId, (await scopeLinks.OfDeviceCodeAsync(code.Id, cancellationToken)).Select(s => s.Name).ToList()))
            : (DeviceDecision.NotWaiting, null);
    }
}
