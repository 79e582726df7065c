using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.OAuth.Token.Grants;

/// <summary>
/// What the authorization-code and refresh-token grants share, written once: a single-use credential looked up by
/// the hash of its value for the authenticated client (one indexed lookup), checked before any write, then spent and
/// replaced by new tokens in one short transaction around a conditional update (a concurrent second use finds it
/// spent); a spent credential presented again is a replay (<see cref="RejectReplay"/>).
/// </summary>
public abstract class SingleUseGrant<TCredential>(TokenIssuer issuer, TimeProvider clock) : ITokenGrant where TCredential : class
{
    public abstract string GrantType { get; }

    /// <summary>The form parameter that carries the credential (<c>code</c>, <c>refresh_token</c>).</summary>
    protected abstract string CredentialParameter { get; }

    /// <summary>The answer for a credential that is unknown, expired, another client's, or revoked other than by a replay.</summary>
    protected abstract OAuthError Invalid { get; }

    protected abstract Task<TCredential?> FindAsync(byte[] hash, string clientId, CancellationToken cancellationToken);

    /// <summary>Who the new tokens are for: the credential's grant and user.</summary>
    protected abstract (long GrantId, string? UserId) Owner(TCredential credential);

    /// <summary>Null when the credential is unspent; true when spent by an earlier use (a replay); false when revoked otherwise.</summary>
    protected abstract bool? Spent(TCredential credential);

    /// <summary>The grant's own checks; the scopes of the new tokens, or why the request is refused.</summary>
    protected abstract Task<(IReadOnlyList<Scope> Scopes, OAuthError? Error)> CheckAsync(
        TCredential credential, TokenRequestContext request, DateTime now, CancellationToken cancellationToken);

    /// <summary>The conditional update that spends the credential; 1 when this request spent it.</summary>
    protected abstract Task<int> SpendAsync(TCredential credential, DateTime now, CancellationToken cancellationToken);

    /// <summary>After losing the race to spend it: was the credential spent by another use (a replay) rather than revoked?</summary>
    protected abstract Task<bool> SpentByAnotherUseAsync(TCredential credential, CancellationToken cancellationToken);

    protected abstract Task<OAuthError> RejectReplayAsync(TCredential credential, CancellationToken cancellationToken);

    public async Task<OAuthResult<TokenResponse>> HandleAsync(TokenRequestContext request, CancellationToken cancellationToken)
    {
        if (request.Form.Get(CredentialParameter) is not { } value)
        {
            return OAuthError.InvalidRequest($"'{CredentialParameter}' is required.");
        }

        var credential = await FindAsync(SecretHasher.Hash(value), request.Client.Id, cancellationToken);
        if (credential is null)
        {
            return Invalid;
        }

        if (Spent(credential) is { } replayed)
        {
            return replayed ? await RejectReplayAsync(credential, cancellationToken) : Invalid;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var (scopes, error) = await CheckAsync(credential, request, now, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var (grantId, userId) = Owner(credential);
        var issued = await issuer.SpendAndIssueAsync(
            () => SpendAsync(credential, now, cancellationToken), grantId, request.Client.Id, userId, scopes, cancellationToken);
        if (issued is not null)
        {
            return OAuthResult<TokenResponse>.Success(issued);
        }

        return await SpentByAnotherUseAsync(credential, cancellationToken) ? await RejectReplayAsync(credential, cancellationToken) : Invalid;
    }
}
