namespace OAuthPortal.OAuth.Events;

/// <summary>
/// Security-relevant events (the successor of djoauth2's signals). The default implementation logs them and writes the
/// audit log; an implementation must never throw into the request it records. Raise them after your transaction commits.
/// </summary>
public interface IOAuthEvents
{
    /// <summary>The user accepted a client's request for scopes on the consent page.</summary>
    Task ConsentGrantedAsync(ConsentEvent consent);

    /// <summary>The user declined a client's request on the consent page.</summary>
    Task ConsentDeniedAsync(ConsentEvent consent);

    /// <summary>The user took back a client's access ("My apps"): its tokens and the remembered consent are gone.</summary>
    Task ConsentRevokedAsync(ConsentEvent consent);

    /// <summary>An authorization code was presented again; its token family was revoked (RFC 6749 §4.1.2, §10.5).</summary>
    Task AuthorizationCodeReusedAsync(TokenFamilyEvent family);

    /// <summary>A rotated or revoked refresh token was presented; its family was revoked (djoauth2 <c>refresh_token_used_after_invalidation</c>, RFC 9700 §4.14.2).</summary>
    Task RefreshTokenReusedAsync(TokenFamilyEvent family);

    /// <summary>A token was revoked, by its client (RFC 7009), its user or an admin.</summary>
    Task TokenRevokedAsync(TokenRevokedEvent revoked);

    /// <summary>Many tokens were revoked at once by an administrator or a user.</summary>
    Task TokensRevokedAsync(TokensRevokedEvent revoked);

    /// <summary>An administrator changed a user's role or lock.</summary>
    Task UserChangedAsync(UserChangedEvent change);

    /// <summary>An administrator (or the CLI) created, edited or deleted a scope.</summary>
    Task ScopeChangedAsync(ScopeChangedEvent change);

    /// <summary>An administrator registered, edited or deleted a protected resource (RFC 8707).</summary>
    Task ResourceChangedAsync(ResourceChangedEvent change);

    /// <summary>A client was registered or changed by its owner, an administrator or the CLI.</summary>
    Task ClientChangedAsync(ClientChangedEvent change);

    /// <summary>An initial access token (RFC 7591 §3) was created or revoked by its owner (developer area) or the CLI.</summary>
    Task InitialAccessTokenChangedAsync(InitialAccessTokenChangedEvent change);

    /// <summary>A signing key was created, rotated in, revoked or deleted (by the CLI, an administrator or the portal itself).</summary>
    Task SigningKeyChangedAsync(SigningKeyChangedEvent change);

    /// <summary>A client failed to authenticate at the token, revocation or introspection endpoint.</summary>
    Task ClientAuthenticationFailedAsync(ClientAuthenticationFailedEvent failure);

    /// <summary>A client's back-channel logout URI did not take a logout token (Back-Channel Logout 1.0 §2.8), after every retry.</summary>
    Task BackchannelLogoutFailedAsync(BackchannelLogoutFailedEvent failure);
}
