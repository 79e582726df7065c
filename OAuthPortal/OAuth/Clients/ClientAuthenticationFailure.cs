namespace OAuthPortal.OAuth.Clients;

/// <summary>Why a client failed to authenticate (RFC 6749 §5.2 <c>invalid_client</c>); logged and audited, never told to the caller.</summary>
public enum ClientAuthenticationFailure
{
    UnknownClient,
    ClientDisabled,
    SecretSentByPublicClient,
    NoSecret,
    WrongSecret,

    /// <summary>The client is registered with an authentication method this server does not (or no longer) support.</summary>
    UnsupportedMethod,
}

public static class ClientAuthenticationFailureText
{
    /// <summary>The words the log and the audit trail use.</summary>
    public static string Describe(this ClientAuthenticationFailure failure) => failure switch
    {
        ClientAuthenticationFailure.UnknownClient => "unknown client",
        ClientAuthenticationFailure.ClientDisabled => "client disabled",
        ClientAuthenticationFailure.SecretSentByPublicClient => "a secret was sent for a public client",
        ClientAuthenticationFailure.NoSecret => "no secret was sent",
        ClientAuthenticationFailure.WrongSecret => "wrong secret",
        _ => "the client's authentication method is not supported",
    };
}
