namespace OAuthPortal.OAuth.Dpop;

/// <summary>DPoP proofs (section <c>OAuth:Dpop</c>; RFC 9449).</summary>
public sealed class DpopOptions
{
    /// <summary>How old a proof's <c>iat</c> may be (RFC 9449 §11.1: a short window, within which its <c>jti</c> is remembered).</summary>
    public TimeSpan ProofLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How far in the future a proof's <c>iat</c> may be (the client's clock runs ahead; FAPI 2.0 asks servers to accept 10 s).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Proofs must carry a server nonce (RFC 9449 §§8, 9: <c>use_dpop_nonce</c>, <c>DPoP-Nonce</c>).</summary>
    public bool RequireNonce { get; set; }

    /// <summary>How long a nonce the server gave stays current (<see cref="DpopNonces"/>); a client given a new one uses that.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
