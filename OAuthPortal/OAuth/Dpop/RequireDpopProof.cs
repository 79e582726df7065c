using OAuthPortal.OAuth.Token;

namespace OAuthPortal.OAuth.Dpop;

/// <summary>
/// RFC 9449 §5 at the token endpoint: a request may carry one <c>DPoP</c> header; a client registered with
/// <c>dpop_bound_access_tokens</c> or following the FAPI 2.0 profile must. The proof is checked (<see cref="IDpopProofValidator"/>) and its <c>jti</c>
/// used once within its window, on every instance (<see cref="OneTimeDpopProofs"/>). Its key is what the tokens are bound to.
/// </summary>
public sealed class RequireDpopProof(IDpopProofValidator validator, OneTimeDpopProofs oneTime, TimeProvider clock)
{
    public const string HeaderName = "DPoP";

    /// <summary>The proof (null when none was sent and none is required), or <c>invalid_dpop_proof</c>.</summary>
    public Task<OAuthResult<DpopProof?>> CheckAsync(TokenRequestContext request, CancellationToken cancellationToken) =>
        CheckAsync(request, AppliesTo(request.Client), cancellationToken);

    /// <summary>The same, with the caller saying whether a proof is required (at the PAR endpoint it never is, RFC 9449 §10.1).</summary>
    public async Task<OAuthResult<DpopProof?>> CheckAsync(TokenRequestContext request, bool required, CancellationToken cancellationToken)
    {
        var headers = request.Headers[HeaderName];
        if (headers.Count == 0)
        {
            return required
                ? Invalid("This client's tokens are DPoP-bound: send a DPoP proof with every token request.")
                : OAuthResult<DpopProof?>.Success(null);
        }

        if (headers.Count > 1 || headers[0] is not { Length: > 0 } value)
        {
            return Invalid("Send exactly one DPoP header.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var proof = await validator.ValidateAsync(value, new DpopProofRequest(request.Method, request.Url), now);
        if (!proof.Succeeded)
        {
            return proof.Error!;
        }

        if (!Clients.Fapi2SecurityProfile.AllowsAlgorithm(request.Client, proof.Value!.Algorithm))
        {
            return Invalid("This client follows the FAPI 2.0 Security Profile: sign DPoP proofs with PS256, ES256 or EdDSA, not RS256.");
        }

        return await oneTime.TryUseAsync(proof.Value, cancellationToken)
            ? OAuthResult<DpopProof?>.Success(proof.Value)
            : Invalid("This DPoP proof was used already: make a new one (a new jti) for every request.");
    }

    /// <summary>Whether <paramref name="client"/>'s token requests must carry a proof: registered DPoP-bound, or FAPI 2.0.</summary>
    public static bool AppliesTo(Data.Client client) => client.DpopBoundAccessTokens || Clients.Fapi2SecurityProfile.AppliesTo(client);

    private static OAuthError Invalid(string description) => new(OAuthErrorCodes.InvalidDpopProof, description);
}
