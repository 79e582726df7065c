namespace OAuthPortal.OAuth.Token;

/// <summary>Which single-use credential was presented again.</summary>
public enum ReplayedCredential
{
    AuthorizationCode,
    RefreshToken,
}
