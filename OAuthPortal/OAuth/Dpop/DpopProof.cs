namespace OAuthPortal.OAuth.Dpop;

/// <summary>
/// A DPoP proof that passed every check of RFC 9449 §4.3 except replay: the thumbprint of its key (RFC 7638, what a
/// token is bound to as <c>cnf.jkt</c>), its <c>jti</c>, when it was made, and its signature algorithm.
/// </summary>
public sealed record DpopProof(string Jkt, string Jti, DateTime IssuedAt, string Algorithm);
