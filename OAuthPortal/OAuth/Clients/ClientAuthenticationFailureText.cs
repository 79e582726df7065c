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
        ClientAuthenticationFailure.WrongMethod => "the client used another authentication method than its registered one",
        ClientAuthenticationFailure.NoAssertion => "no client assertion was sent",
        ClientAuthenticationFailure.AssertionSignatureInvalid => "the client assertion is not signed by a registered key",
        ClientAuthenticationFailure.AssertionClaimsInvalid => "the client assertion's iss, sub, exp or jti is wrong or missing",
        ClientAuthenticationFailure.AssertionWrongAudience => "the client assertion is meant for another audience",
        ClientAuthenticationFailure.AssertionExpired => "the client assertion expired, is not yet valid or lives too long",
        ClientAuthenticationFailure.AssertionReplayed => "the client assertion was used before",
        ClientAuthenticationFailure.KeysUnavailable => "the client's registered keys could not be read",
        ClientAuthenticationFailure.ProfileForbidsAlgorithm => "the client follows the FAPI 2.0 profile, which does not accept RS256 assertions",
        ClientAuthenticationFailure.ProfileRequiresPrivateKeyJwt => "the client follows the FAPI 2.0 profile, which accepts only private_key_jwt",
        _ => "the client's authentication method is unsupported or does not fit its type",
    };
}
