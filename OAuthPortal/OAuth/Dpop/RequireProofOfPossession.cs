using OAuthPortal.OAuth.Bearer;

namespace OAuthPortal.OAuth.Dpop;

/// <summary>
/// RFC 9449 §7 at a protected resource: a DPoP-bound token comes with the DPoP scheme and one proof, made with the key
/// it is bound to, for this method and URL, with <c>ath</c> (its hash), its <c>jti</c> used once; the same token sent
/// as a bearer token is refused. A token that is not bound must not claim to be (the DPoP scheme). Bearer tokens pay
/// nothing for this: a null check.
/// </summary>
public sealed class RequireProofOfPossession(IDpopProofValidator validator, OneTimeDpopProofs oneTime, TimeProvider clock)
{

    public async Task<BearerError?> CheckAsync(string? boundJkt, bool dpopScheme, string accessToken, BearerRequest request, CancellationToken cancellationToken)
    {
        if (boundJkt is null)
        {
            return dpopScheme ? BearerError.InvalidDpopToken("This access token is not DPoP-bound: send it with the Bearer scheme.") : null;
        }

        if (!dpopScheme)
        {
            return BearerError.InvalidDpopToken("This access token is DPoP-bound: send it with the DPoP scheme and a DPoP proof.");
        }

        if (request.DpopProofs.Count != 1 || request.DpopProofs[0] is not { Length: > 0 } value)
        {
            return BearerError.InvalidDpopProof("Send exactly one DPoP proof with a DPoP-bound access token.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var proof = await validator.ValidateAsync(value, new DpopProofRequest(request.Method, request.Url, accessToken), now);
        if (!proof.Succeeded)
        {
            return proof.Error!.Code == OAuthErrorCodes.UseDpopNonce
                ? BearerError.UseDpopNonce(proof.Error.Description!)
                : BearerError.InvalidDpopProof(proof.Error.Description!);
        }

        if (proof.Value!.Jkt != boundJkt)
        {
            return BearerError.InvalidDpopToken("The DPoP proof is made with another key than the one the access token is bound to.");
        }

        return await oneTime.TryUseAsync(proof.Value, cancellationToken)
            ? null
            : BearerError.InvalidDpopProof("This DPoP proof was used already: make a new one for every request.");
    }
}
