using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;

namespace OAuthPortal.OAuth.Token;

/// <summary>
/// A spent authorization code (RFC 6749 §4.1.2, §10.5) or a rotated refresh token (RFC 9700 §4.14.2; djoauth2
/// <c>refresh_token_used_after_invalidation</c>) presented again is refused, and every token of its grant is revoked:
/// one of the two presenters is an attacker, and the server cannot tell which.
/// </summary>
public sealed class RejectReplay(DatabaseWriteGate writes, GrantFamily family, IOAuthEvents events, PortalMetrics metrics)
{
    public async Task<OAuthError> RejectAsync(ReplayedCredential replayed, IGrantMember credential, CancellationToken cancellationToken)
    {
        metrics.ReplayDetected(replayed);
        var revoked = await writes.RunAsync(() => family.RevokeAsync(credential.GrantId, TokenRevocationReason.FamilyRevoked, cancellationToken), cancellationToken);
        var revokedFamily = new TokenFamilyEvent(credential.ClientId, credential.UserId, credential.GrantId, revoked);
        if (replayed == ReplayedCredential.AuthorizationCode)
        {
            await events.AuthorizationCodeReusedAsync(revokedFamily);
            return new OAuthError(OAuthErrorCodes.InvalidGrant, "The authorization code was already used; the tokens issued from it have been revoked.");
        }

        await events.RefreshTokenReusedAsync(revokedFamily);
        return new OAuthError(OAuthErrorCodes.InvalidGrant, "The refresh token was already used or revoked; its token family has been revoked.");
    }
}
