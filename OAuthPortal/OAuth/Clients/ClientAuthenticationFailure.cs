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
}
