using OAuthPortal.Data;
using OAuthPortal.OAuth.Http;

namespace OAuthPortal.OAuth.Token;

/// <summary>
/// A request to the token endpoint (or its siblings, revocation and introspection) after client authentication: the
/// client, the form, and what sender-constraining needs of the HTTP request (headers, method, and the absolute URL
/// without query or fragment, as DPoP's <c>htu</c> compares it, RFC 9449 §4.3), and the issuer identifier that
/// answers (id_tokens carry it).
/// </summary>
public sealed record TokenRequestContext(Client Client, ProtocolParameters Form, IHeaderDictionary Headers, string Method, string Url, string Issuer)
{
    /// <summary>The request's DPoP proof, once checked (RFC 9449 §5): the key the new tokens are bound to; null for bearer tokens.</summary>
    public Dpop.DpopProof? Dpop { get; init; }
}
