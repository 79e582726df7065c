namespace OAuthPortal.Management.Tokens;

/// <summary>Whom a token acts for: a user (authorization code, device), or only its client (client_credentials, no user).</summary>
public enum TokenHolder
{
    User,
    Machine,
}
