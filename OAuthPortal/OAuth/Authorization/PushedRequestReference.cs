namespace OAuthPortal.OAuth.Authorization;

/// <summary>
/// The pushed request an authorization request came from (RFC 9126 §4): its row, and what the browser carries across
/// sign-in and the consent form instead of the parameters themselves.
/// </summary>
public sealed record PushedRequestReference(long Id, string ClientId, string RequestUri, bool SignedIn);
