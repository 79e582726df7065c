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

    /// <summary>The client switched to private_key_jwt: its shared secret was deleted.</summary>
    SecretDeleted,

    /// <summary>The client switched from private_key_jwt to a client_secret method: a new secret was made.</summary>
    SecretCreated,
}
