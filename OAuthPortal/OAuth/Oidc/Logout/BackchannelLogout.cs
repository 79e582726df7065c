using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.OAuth.Oidc.Logout;

/// <summary>
/// Back-Channel Logout 1.0: when sign-in sessions end (the user logs out, an admin ends their sessions, the account is
/// deleted), every client those sessions signed in to that registered a back-channel logout URI gets a logout token
/// (§2.4: <c>iss</c>, <c>aud</c>, <c>iat</c>, <c>exp</c>, <c>jti</c>, <c>events</c> with exactly the back-channel-logout
/// member, <c>sub</c> and <c>sid</c> as in its id_tokens, never a <c>nonce</c>; <c>typ</c> <c>logout+jwt</c>). The
/// tokens are signed here and delivered in the background (<see cref="BackchannelLogoutSender"/>).
/// </summary>
public sealed class BackchannelLogout(
    PortalDbContext db, JwtSigner signer, BackchannelLogoutQueue queue, OAuthIssuer issuers, IHttpContextAccessor http, IOAuthEvents events,
    TimeProvider clock, ILogger<BackchannelLogout> logger)
{
    public const string TokenType = "logout+jwt";

    /// <summary>How long a logout token is valid: long enough for the retries, short enough to be useless later.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Queues a logout token for each client the sessions signed in to; returns how many. Never throws into the sign-out
    /// that called it: a failure is logged and the sign-out goes on.
    /// </summary>
    public async Task<int> NotifyAsync(string userId, IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken = default)
    {
        if (sessionIds.Count == 0)
        {
            return 0;
        }

        try
        {
            return await SendAsync(userId, sessionIds, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Back-channel logout for user {UserId}: logout tokens were not queued.", userId);
            return 0;
        }
    }

    private async Task<int> SendAsync(string userId, IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken)
    {
        // The issuer the id_tokens carried: OAuth:Issuer, or (Development and Testing) the origin of the request at hand.
        var request = http.HttpContext?.Request;
        var issuer = issuers.Resolve(request is null ? "" : $"{request.Scheme}://{request.Host}");
        if (issuer.Length == 0)
        {
            logger.LogWarning("Back-channel logout for user {UserId} skipped: no OAuth:Issuer and no request to take it from.", userId);
            return 0;
        }

        var targets = await db.Grants.AsNoTracking()
            .Where(g => g.UserId == userId && g.SessionId != null && sessionIds.Contains(g.SessionId) && g.Client!.BackchannelLogoutUri != null)
            .Select(g => new { g.ClientId, g.SessionId, g.Client!.BackchannelLogoutUri, g.Client.IdTokenSignedResponseAlg, g.Client.Profile })
            .Distinct().ToListAsync(cancellationToken);
        foreach (var target in targets)
        {
            var now = clock.GetUtcNow();
            var claims = new Dictionary<string, object>
            {
                [OidcClaimNames.Subject] = userId,
                [OidcClaimNames.Audience] = target.ClientId,
                [OidcClaimNames.IssuedAt] = now.ToUnixTimeSeconds(),
                [OidcClaimNames.ExpiresAt] = (now + Lifetime).ToUnixTimeSeconds(),
                [OidcClaimNames.JwtId] = TokenGenerator.NewSecret(),
                [OidcClaimNames.Events] = new Dictionary<string, object> { [OidcClaimNames.BackchannelLogoutEvent] = new Dictionary<string, object>() },
                [OidcClaimNames.SessionId] = target.SessionId!,
            };
            var token = await signer.SignAsync(issuer, claims,
                Clients.Fapi2SecurityProfile.IdTokenAlgorithm(target.Profile, target.IdTokenSignedResponseAlg), TokenType, cancellationToken);
            if (!queue.TryEnqueue(new BackchannelLogoutMessage(target.ClientId, target.BackchannelLogoutUri!, token)))
            {
                await events.BackchannelLogoutFailedAsync(new(target.ClientId, target.BackchannelLogoutUri!, 0, "the delivery queue is full"));
            }
        }

        return targets.Count;
    }
}
