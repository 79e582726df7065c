namespace OAuthPortal.OAuth.Dpop;

/// <summary>
/// A DPoP proof that passed every check of RFC 9449 §4.3 except replay: the thumbprint of its key (RFC 7638, what a
/// token is bound to as <c>cnf.jkt</c>), its <c>jti</c>, and when it was made.
/// </summary>
public sealed record DpopProof(string Jkt, string Jti, DateTime IssuedAt);
