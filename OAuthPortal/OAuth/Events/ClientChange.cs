namespace OAuthPortal.OAuth.Events;

/// <summary>What happened to a client, for the audit trail.</summary>
public enum ClientChange
{
    Created,
    Edited,
    SecretRotated,
    Disabled,
    Enabled,
    Deleted,
}
