namespace OAuthPortal.Data;

/// <summary>Where a device authorization stands (RFC 8628 §3.5): the answers its polling gets.</summary>
public enum DeviceCodeStatus
{
    /// <summary>No user has decided yet: <c>authorization_pending</c>.</summary>
    Pending,

    /// <summary>A user allowed it: the next poll gets the tokens, once.</summary>
    Approved,

    /// <summary>A user declined it: <c>access_denied</c>.</summary>
    Denied,
}
