using OAuthPortal.Data;
using Microsoft.EntityFrameworkCore;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Resources;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.OAuth.Token.Grants;

/// <summary>
/// What the authorization-code, refresh-token and device-code grants share, written once: a single-use credential looked up by
/// the hash of its value for the authenticated client (one indexed lookup), checked before any write, then spent and
/// replaced by new tokens of the same grant in one short transaction around a conditional update (a concurrent second
/// use finds it spent); a spent code or refresh token presented again is a replay (<see cref="RejectReplay"/>). The new
/// access token is meant for the grant's resources, or those of them the request names (<see cref="RequireResourceOfGrant"/>).
/// </summary>
public abstract class SingleUseGrant<TCredential>(
    SingleUseCredential<TCredential> credentialKind, PortalDbContext db, TokenIssuer issuer, IdTokenIssuer idTokens, RejectReplay replays, TimeProvider clock)
    : ITokenGrant where TCredential : class, IGrantMember
{
    public string GrantType => credentialKind.GrantType;

    protected PortalDbContext Db => db;

    /// <summary>Null when the credential is unspent; true when spent by an earlier use (a replay); false when revoked otherwise.</summary>
    protected abstract bool? Spent(TCredential credential);

    /// <summary>The grant's own checks; the scopes of the new tokens, or why the request is refused.</summary>
    protected abstract Task<(IReadOnlyList<Scope> Scopes, OAuthError? Error)> CheckAsync(
        TCredential credential, TokenRequestContext request, DateTime now, CancellationToken cancellationToken);

    /// <summary>The conditional update that spends the credential; 1 when this request spent it.</summary>
    protected abstract Task<int> SpendAsync(TCredential credential, DateTime now, CancellationToken cancellationToken);

    /// <summary>After losing the race to spend it: was the credential spent by another use (a replay) rather than revoked?</summary>
    protected abstract Task<bool> SpentByAnotherUseAsync(TCredential credential, CancellationToken cancellationToken);

    /// <summary>The OpenID Connect nonce the new id_token repeats: the authorization request's; none on a refresh (Core §12.2).</summary>
    protected virtual string? NonceOf(TCredential credential) => null;

    public async Task<OAuthResult<TokenResponse>> HandleAsync(TokenRequestContext request, CancellationToken cancellationToken)
    {
        if (request.Form.Get(credentialKind.Parameter) is not { } value)
        {
            return OAuthError.InvalidRequest($"'{credentialKind.Parameter}' is required.");
        }

        var credential = await credentialKind.FindByHash(db, SecretHasher.Hash(value), request.Client.Id, cancellationToken);
        if (credential is null)
        {
            return credentialKind.Invalid;
        }

        if (Spent(credential) is { } replayed)
        {
            return replayed && credentialKind.Replayed is { } kind ? await replays.RejectAsync(kind, credential, cancellationToken) : credentialKind.Invalid;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var (scopes, error) = await CheckAsync(credential, request, now, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        // RFC 8707 §2.2: the resources the new token is for are the grant's, or those of them this request names.
        var grantResources = await db.Grants.Where(g => g.Id == credential.GrantId).Select(g => g.Resources).SingleOrDefaultAsync(cancellationToken);
        var (audience, targetError) = RequireResourceOfGrant.Check(grantResources, request.Form);
        if (targetError is not null)
        {
            return targetError;
        }

        // OpenID Connect: an id_token with every token response of a grant that has openid (Core §§3.1.3.3, 12.2),
        // prepared first, so that nothing but signing is left once the credential is spent.
        var idToken = credential.UserId is not null && UserClaims.IsOpenId(scopes)
            ? await idTokens.PrepareAsync(
                new IdTokenRequest(request.Issuer, request.Client, credential.GrantId, scopes.Select(s => s.Name).ToList(), NonceOf(credential)), cancellationToken)
            : null;
        var issued = await issuer.SpendAndIssueAsync(
            () => SpendAsync(credential, now, cancellationToken), credential.GrantId, request.Client, credential.UserId, scopes, request.Dpop?.Jkt, audience,
            cancellationToken);
        if (issued is null)
        {
            return credentialKind.Replayed is { } kind && await SpentByAnotherUseAsync(credential, cancellationToken)
                ? await replays.RejectAsync(kind, credential, cancellationToken)
                : credentialKind.Invalid;
        }

        return OAuthResult<TokenResponse>.Success(idToken is null ? issued : issued with { IdToken = idToken.Sign(issued.AccessToken) });
    }
}
