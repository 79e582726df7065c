using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Authorization;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Scopes;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.OAuth.Token;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token.Grants;

/// <summary>
/// grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.6; djoauth2 <c>views</c>). The checks run before any
/// write; spending the code and issuing the token are then one short transaction around a conditional update, so a code
/// is redeemed at most once (a concurrent second redemption finds it spent: a replay).
/// </summary>
public sealed class AuthorizationCodeGrant(
    PortalDbContext db, DatabaseWriteGate writes, TokenIssuer issuer, TokenFamily family, ScopeLinks scopeLinks, IOAuthEvents events,
    TimeProvider clock)
{
    private static readonly Func<PortalDbContext, byte[], string, CancellationToken, Task<AuthorizationCode?>> FindByHash = EF.CompileAsyncQuery(
        (PortalDbContext context, byte[] hash, string clientId, CancellationToken cancellationToken) =>
            context.AuthorizationCodes.AsNoTracking().SingleOrDefault(c => c.CodeHash == hash && c.ClientId == clientId));

    private static readonly OAuthError InvalidCode =
        new(OAuthErrorCodes.InvalidGrant, "The authorization code is invalid, expired, or was issued to another client.");

    public async Task<OAuthResult<TokenResponse>> ExchangeAsync(Client client, ProtocolParameters body, CancellationToken cancellationToken)
    {
        if (body.Get(P.Code) is not { } value)
        {
            return OAuthError.InvalidRequest("'code' is required.");
        }

        var hash = SecretHasher.Hash(value);
        var code = await FindByHash(db, hash, client.Id, cancellationToken);
        if (code is null)
        {
            return InvalidCode;
        }

        if (code.ConsumedAt is not null)
        {
            return await RejectReplayAsync(code, cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var error = code.ExpiresAt <= now ? InvalidCode : CheckRedirectUri(code, body) ?? CheckPkce(code, body);
        if (error is not null)
        {
            return error;
        }

        var scopes = await scopeLinks.OfCodeAsync(code.Id, cancellationToken);
        var issued = await issuer.SpendAndIssueAsync(
            () => db.AuthorizationCodes.Where(c => c.Id == code.Id && c.ConsumedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), cancellationToken),
            client.Id, code.UserId, scopes, code.Id, cancellationToken);
        if (issued is not null)
        {
            return OAuthResult<TokenResponse>.Success(issued);
        }

        // Lost a race: another redemption spent the code (a replay), or a revocation deleted it (simply invalid now).
        return await db.AuthorizationCodes.AnyAsync(c => c.Id == code.Id, cancellationToken)
            ? await RejectReplayAsync(code, cancellationToken)
            : InvalidCode;
    }

    /// <summary>RFC 6749 §4.1.2: a code used twice is refused and every token issued from it is revoked.</summary>
    private async Task<OAuthResult<TokenResponse>> RejectReplayAsync(AuthorizationCode code, CancellationToken cancellationToken)
    {
        var revoked = await writes.RunAsync(() => family.RevokeAsync(code.Id, null, cancellationToken), cancellationToken); // one UPDATE

        await events.AuthorizationCodeReusedAsync(new TokenFamilyEvent(code.ClientId, code.UserId, code.Id, revoked));
        return new OAuthError(OAuthErrorCodes.InvalidGrant, "The authorization code was already used; the tokens issued from it have been revoked.");
    }

    /// <summary>RFC 6749 §4.1.3: required and identical when the authorization request carried one; otherwise ignored (djoauth2).</summary>
    private static OAuthError? CheckRedirectUri(AuthorizationCode code, ProtocolParameters body) =>
        code.RedirectUri is null || string.Equals(body.Get(P.RedirectUri), code.RedirectUri, StringComparison.Ordinal)
            ? null
            : new OAuthError(OAuthErrorCodes.InvalidGrant, "'redirect_uri' must be identical to the one in the authorization request.");

    /// <summary>RFC 7636 §4.6; RFC 9700 §4.8: a verifier without a challenge is a downgrade attempt.</summary>
    private static OAuthError? CheckPkce(AuthorizationCode code, ProtocolParameters body)
    {
        var verifier = body.Get(P.CodeVerifier);
        if (code.CodeChallenge is null)
        {
            return verifier is null ? null : new OAuthError(OAuthErrorCodes.InvalidGrant, "'code_verifier' was sent but the authorization request had no code_challenge.");
        }

        return verifier is not null && Pkce.Verifies(verifier, code.CodeChallenge)
            ? null
            : new OAuthError(OAuthErrorCodes.InvalidGrant, "'code_verifier' is missing or does not match the code_challenge.");
    }
}
