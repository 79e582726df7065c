namespace OAuthPortal.OAuth.Dpop;

/// <summary>
/// Checks a DPoP proof JWT (RFC 9449 §4.3): the one small seam around the JWT library (Microsoft.IdentityModel), so
/// that the token endpoint and the resource side ask the same question the same way.
/// </summary>
public interface IDpopProofValidator
{
    /// <summary>The proof, or <c>invalid_dpop_proof</c> saying what is wrong (replay of its <c>jti</c> is checked elsewhere).</summary>
    Task<OAuthResult<DpopProof>> ValidateAsync(string proof, DpopProofRequest request, DateTime now);
}
