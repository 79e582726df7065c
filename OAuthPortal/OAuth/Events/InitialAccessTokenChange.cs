namespace OAuthPortal.OAuth.Events;

/// <summary>What happened to an initial access token (RFC 7591 §3), for the audit trail.</summary>
public enum InitialAccessTokenChange
{
    Created,
    Revoked,
}
