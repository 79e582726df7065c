using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Token.Grants;

/// <summary>What distinguishes one <see cref="SingleUseGrant{TCredential}"/> from another, besides its checks.</summary>
/// <param name="GrantType">The <c>grant_type</c> the grant answers.</param>
/// <param name="Parameter">The form parameter that carries the credential (<c>code</c>, <c>refresh_token</c>).</param>
/// <param name="Replayed">What a replay of it is called in events and errors; null for a credential that is never a replay (a device code used again is simply invalid).</param>
/// <param name="Invalid">The answer for a credential that is unknown, expired, another client's, or revoked other than by a replay.</param>
/// <param name="FindByHash">One row by the hash of the value and the client it was issued to (compiled in <see cref="SingleUseCredentials"/>).</param>
public sealed record SingleUseCredential<TCredential>(
    string GrantType,
    string Parameter,
    ReplayedCredential? Replayed,
    OAuthError Invalid,
    Func<PortalDbContext, byte[], string, CancellationToken, Task<TCredential?>> FindByHash)
    where TCredential : class, IGrantMember;
