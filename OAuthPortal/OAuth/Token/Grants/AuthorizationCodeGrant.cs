using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Authorization;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Scopes;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token.Grants;

/// <summary>
/// grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.6; djoauth2 <c>views</c>): a code is redeemed at most
/// once, by the client it was issued to, with the same redirect_uri and the PKCE verifier.
/// </summary>
public sealed class AuthorizationCodeGrant(PortalDbContext db, TokenIssuer issuer, RejectReplay replays, ScopeLinks scopeLinks, TimeProvider clock)
    : SingleUseGrant<AuthorizationCode>(issuer, clock)
{
    private static readonly Func<PortalDbContext, byte[], string, CancellationToken, Task<AuthorizationCode?>> FindByHash = EF.CompileAsyncQuery(
        (PortalDbContext context, byte[] hash, string clientId, CancellationToken cancellationToken) =>
            context.AuthorizationCodes.AsNoTracking().SingleOrDefault(c => c.CodeHash == hash && c.ClientId == clientId));

    private static readonly OAuthError InvalidCode =
        new(OAuthErrorCodes.InvalidGrant, "The authorization code is invalid, expired, or was issued to another client.");

    public override string GrantType => P.GrantAuthorizationCode;

    protected override string CredentialParameter => P.Code;

    protected override OAuthError Invalid => InvalidCode;

    protected override Task<AuthorizationCode?> FindAsync(byte[] hash, string clientId, CancellationToken cancellationToken) =>
        FindByHash(db, hash, clientId, cancellationToken);

    protected override (long GrantId, string? UserId) Owner(AuthorizationCode code) => (code.GrantId, code.UserId);

    protected override bool? Spent(AuthorizationCode code) => code.ConsumedAt is null ? null : true;

    protected override async Task<(IReadOnlyList<Scope> Scopes, OAuthError? Error)> CheckAsync(
        AuthorizationCode code, TokenRequestContext request, DateTime now, CancellationToken cancellationToken)
    {
        var error = code.ExpiresAt <= now
            ? InvalidCode
            : RequireExactRedirectUri.CheckTokenRequest(code.RedirectUri, request.Form.Get(P.RedirectUri)) ??
              RequirePkceForPublicClients.CheckTokenRequest(code.CodeChallenge, request.Form.Get(P.CodeVerifier));
        return error is null ? (await scopeLinks.OfCodeAsync(code.Id, cancellationToken), null) : ([], error);
    }

    protected override Task<int> SpendAsync(AuthorizationCode code, DateTime now, CancellationToken cancellationToken) =>
        db.AuthorizationCodes.Where(c => c.Id == code.Id && c.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), cancellationToken);

    // Another redemption spent the code (a replay), or a revocation deleted it (simply invalid now).
    protected override Task<bool> SpentByAnotherUseAsync(AuthorizationCode code, CancellationToken cancellationToken) =>
        db.AuthorizationCodes.AnyAsync(c => c.Id == code.Id, cancellationToken);

    protected override Task<OAuthError> RejectReplayAsync(AuthorizationCode code, CancellationToken cancellationToken) =>
        replays.CodeAsync(code.GrantId, code.ClientId, code.UserId, cancellationToken);
}
