namespace OAuthPortal.Data;

/// <summary>RFC 6749 §2.1 client types.</summary>
public enum ClientType
{
    /// <summary>Can keep a secret (a server-side app); authenticates with client_secret_basic or client_secret_post.</summary>
    Confidential,

    /// <summary>Cannot keep a secret (SPA, native app); has no secret and must use PKCE.</summary>
    Public,
}
