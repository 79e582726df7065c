namespace OAuthPortal.OAuth;

/// <summary>
/// Security-relevant protocol events (the successor of djoauth2's signals). The default implementation logs them;
/// an implementation must never throw into the request it records.
/// </summary>
public interface IOAuthEvents
{
    /// <summary>The user accepted a client's request for scopes on the consent page.</summary>
    Task ConsentGrantedAsync(ConsentEvent consent);

    /// <summary>The user declined a client's request on the consent page.</summary>
    Task ConsentDeniedAsync(ConsentEvent consent);
}
