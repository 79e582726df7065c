namespace OAuthPortal.Areas.Developer;

/// <summary>
/// The PKCE code_verifier (RFC 7636 §4.1) and the state of a client's quickstart authorization URL. The challenge is
/// derived from the verifier; the test callback recognises its client by the state and fills in the verifier.
/// </summary>
public sealed record QuickstartPkce(string Verifier, string State);
