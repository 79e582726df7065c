using Microsoft.Extensions.Options;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.OAuth.Dpop;

/// <summary>
/// RFC 9449 §11.1: a proof's <c>jti</c> is accepted once, on every instance (<see cref="OneTimeJwtIds"/>), remembered
/// until no proof made with it could be accepted any more (its <c>iat</c> plus the window and the clock skew). The one
/// place for the token endpoint and the protected resources.
/// </summary>
public sealed class OneTimeDpopProofs(OneTimeJwtIds jwtIds, IOptions<OAuthOptions> options)
{
    private const string JtiKind = "dpop";

    /// <summary>True the first time this key's proof with this jti is seen; false for a replay.</summary>
    public Task<bool> TryUseAsync(DpopProof proof, CancellationToken cancellationToken)
    {
        var keepUntil = proof.IssuedAt + options.Value.Dpop.ProofLifetime + options.Value.Dpop.ClockSkew;
        return jwtIds.TryUseAsync(JtiKind, proof.Jkt, proof.Jti, keepUntil, cancellationToken);
    }
}
