using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Scopes;

namespace OAuthPortal.OAuth.Token.Grants;

/// <summary>
/// grant_type=urn:ietf:params:oauth:grant-type:device_code (RFC 8628 §§3.4, 3.5): the device polls with its
/// device_code and is told, in this order, that the code is spent or unknown (<c>invalid_grant</c>), expired
/// (<c>expired_token</c>), declined (<c>access_denied</c>), still waiting (<c>authorization_pending</c>, or
/// <c>slow_down</c> with 5 more seconds on its interval when it polled too soon); once approved, the first poll gets
/// the tokens, exactly once.
/// </summary>
public sealed class DeviceCodeGrant(
    PortalDbContext db, DatabaseWriteGate writes, TokenIssuer issuer, IdTokenIssuer idTokens, RejectReplay replays, ScopeLinks scopeLinks,
    IOptions<OAuthOptions> options, TimeProvider clock)
    : SingleUseGrant<DeviceCode>(SingleUseCredentials.DeviceCode, db, issuer, idTokens, replays, clock)
{
    /// <summary>RFC 8628 §3.5: every slow_down adds 5 seconds to the interval.</summary>
    public const int SlowDownSeconds = 5;

    protected override bool? Spent(DeviceCode code) => code.ConsumedAt is null ? null : false;

    protected override async Task<(IReadOnlyList<Scope> Scopes, OAuthError? Error)> CheckAsync(
        DeviceCode code, TokenRequestContext request, DateTime now, CancellationToken cancellationToken)
    {
        if (code.ExpiresAt <= now)
        {
            return ([], new OAuthError(OAuthErrorCodes.ExpiredToken,
                $"The device code expired (it lives {(long)options.Value.DeviceCodeLifetime.TotalSeconds} seconds): start a new device authorization request."));
        }

        return code.Status switch
        {
            DeviceCodeStatus.Approved => ApprovedScopes(await scopeLinks.OfDeviceCodeAsync(code.Id, cancellationToken)),
            DeviceCodeStatus.Denied => ([], new OAuthError(OAuthErrorCodes.AccessDenied, "The request was declined (by the user, or its access was revoked).")),
            _ => ([], await PendingAsync(code, now, cancellationToken)),
        };
    }

    /// <summary>What the user allowed; nothing left (every scope deleted since) is no grant at all.</summary>
    private static (IReadOnlyList<Scope> Scopes, OAuthError? Error) ApprovedScopes(List<Scope> scopes) => scopes.Count > 0
        ? (scopes, null)
        : ([], new OAuthError(OAuthErrorCodes.AccessDenied, "The scopes of this request no longer exist: start a new device authorization request."));

    /// <summary>
    /// Still waiting for the user: <c>authorization_pending</c>, or <c>slow_down</c> when this poll came sooner than the
    /// interval after the last one (the interval then grows by <see cref="SlowDownSeconds"/>). Either way this poll is remembered.
    /// </summary>
    private Task<OAuthError> PendingAsync(DeviceCode code, DateTime now, CancellationToken cancellationToken)
    {
        var tooSoon = code.LastPolledAt is { } last && now < last.AddSeconds(code.PollingInterval);
        var interval = tooSoon ? code.PollingInterval + SlowDownSeconds : code.PollingInterval;
        return writes.RunAsync(async () =>
        {
            // Conditional on the poll this one read: of two polls at once, the second finds the first's and slows down.
            var unchanged = await Db.DeviceCodes.Where(c => c.Id == code.Id && c.LastPolledAt == code.LastPolledAt && c.PollingInterval == code.PollingInterval)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastPolledAt, now).SetProperty(c => c.PollingInterval, interval), cancellationToken) == 1;
            if (!unchanged)
            {
                tooSoon = true;
                await Db.DeviceCodes.Where(c => c.Id == code.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastPolledAt, now).SetProperty(c => c.PollingInterval, c => c.PollingInterval + SlowDownSeconds), cancellationToken);
                interval = code.PollingInterval + SlowDownSeconds;
            }

            return tooSoon
                ? new OAuthError(OAuthErrorCodes.SlowDown, $"Polling too often: wait at least {interval} seconds between requests.")
                : new OAuthError(OAuthErrorCodes.AuthorizationPending, "The user has not answered yet: poll again after the interval.");
        }, cancellationToken);
    }

    protected override Task<int> SpendAsync(DeviceCode code, DateTime now, CancellationToken cancellationToken) =>
        Db.DeviceCodes.Where(c => c.Id == code.Id && c.ConsumedAt == null && c.Status == DeviceCodeStatus.Approved)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), cancellationToken);

    // A device code spent twice (two polls at once, or a poll after the tokens) is simply spent: no family revocation.
    protected override Task<bool> SpentByAnotherUseAsync(DeviceCode code, CancellationToken cancellationToken) => Task.FromResult(false);
}
