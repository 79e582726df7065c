namespace OAuthPortal.OAuth.Clients;

/// <summary>Why a client failed to authenticate (RFC 6749 §5.2 <c>invalid_client</c>); logged and audited, never told to the caller.</summary>
public enum ClientAuthenticationFailure
{
    UnknownClient,
    ClientDisabled,
    SecretSentByPublicClient,
    NoSecret,
    WrongSecret,

    /// <summary>The client is registered with an authentication method this server does not support, or one that does not fit its type.</summary>
    UnsupportedMethod,

    /// <summary>The client authenticated another way than its registered method (a secret from a private_key_jwt client, an assertion from any other).</summary>
    WrongMethod,

    /// <summary>A private_key_jwt client sent no client_assertion.</summary>
    NoAssertion,

    /// <summary>The assertion is not a JWT signed (RS256, PS256, ES256) by one of the client's registered keys.</summary>
    AssertionSignatureInvalid,

    /// <summary>The assertion's <c>iss</c> or <c>sub</c> is not the client_id, or <c>exp</c> or <c>jti</c> is missing (RFC 7523 §3).</summary>
    AssertionClaimsInvalid,

    /// <summary>The assertion's <c>aud</c> names neither the issuer nor the endpoint (RFC 7523 §3 item 3).</summary>
    AssertionWrongAudience,

    /// <summary>The assertion expired, is not yet valid (<c>nbf</c>, <c>iat</c> ahead), or lives longer than five minutes.</summary>
    AssertionExpired,

    /// <summary>The assertion's <c>jti</c> was used before (RFC 7523 §3 item 7).</summary>
    AssertionReplayed,

    /// <summary>The client follows the FAPI 2.0 profile but is not registered for private_key_jwt (a shared secret is not accepted).</summary>
    ProfileRequiresPrivateKeyJwt,

    /// <summary>The client follows the FAPI 2.0 profile and signed its assertion with RS256 (§5.4.1: PS256 or ES256).</summary>
    ProfileForbidsAlgorithm,

    /// <summary>The client's registered keys could not be read (malformed JWK Set, jwks_uri unreachable).</summary>
    KeysUnavailable,
}
