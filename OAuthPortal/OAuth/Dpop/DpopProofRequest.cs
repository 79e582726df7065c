namespace OAuthPortal.OAuth.Dpop;

/// <summary>
/// What a proof is checked against: the HTTP method and URL it was sent with (RFC 9449 §4.3 <c>htm</c>, <c>htu</c>;
/// the URL without query and fragment), and the access token it must hash (<c>ath</c>, at a protected resource).
/// </summary>
public sealed record DpopProofRequest(string Method, string Url, string? AccessToken = null);
