namespace OAuthPortal.OAuth.Clients;

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
        _ => "the client's authentication method is unsupported or does not fit its type",
    };
}
