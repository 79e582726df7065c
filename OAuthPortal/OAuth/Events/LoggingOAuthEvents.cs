using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.OAuth.Events;

/// <summary>The default <see cref="IOAuthEvents"/>: structured log entries (warnings for the attacks).</summary>
public sealed class LoggingOAuthEvents(ILogger<LoggingOAuthEvents> logger) : IOAuthEvents
{
    // Message templates are constants at every call site below; the helper only spares each event its own boilerplate.
#pragma warning disable CA2254
    private Task Log(LogLevel level, string template, params object?[] values)
    {
        logger.Log(level, template, values);
        return Task.CompletedTask;
    }
#pragma warning restore CA2254

    public Task ConsentGrantedAsync(ConsentEvent consent) =>
        Log(LogLevel.Information, "Consent granted: user {UserId} gave client {ClientId} scopes {Scopes}",
            consent.UserId, consent.ClientId, string.Join(' ', consent.Scopes));

    public Task ConsentDeniedAsync(ConsentEvent consent) =>
        Log(LogLevel.Information, "Consent denied: user {UserId} declined client {ClientId} scopes {Scopes}",
            consent.UserId, consent.ClientId, string.Join(' ', consent.Scopes));

    public Task AuthorizationCodeReusedAsync(TokenFamilyEvent family) =>
        Log(LogLevel.Warning, "An authorization code of grant {GrantId} of client {ClientId} was reused; revoked {Count} token(s) of user {UserId}",
            family.GrantId, family.ClientId, family.RevokedTokens, family.UserId);

    public Task RefreshTokenReusedAsync(TokenFamilyEvent family) =>
        Log(LogLevel.Warning, "A revoked refresh token of client {ClientId} was reused; revoked {Count} token(s) of user {UserId} (grant {GrantId})",
            family.ClientId, family.RevokedTokens, family.UserId, family.GrantId);

    public Task TokenRevokedAsync(TokenRevokedEvent revoked) =>
        Log(LogLevel.Information, "Token {TokenId} of client {ClientId} and user {UserId} revoked by {RevokedBy}",
            revoked.TokenId, revoked.ClientId, revoked.UserId, revoked.RevokedBy);

    public Task ClientAuthenticationFailedAsync(ClientAuthenticationFailedEvent failure) =>
        Log(LogLevel.Warning, "Client authentication failed for {ClientId} from {RemoteAddress}: {Reason}",
            failure.ClientId ?? "(none)", failure.RemoteAddress, failure.Failure.Describe());

    public Task BackchannelLogoutFailedAsync(BackchannelLogoutFailedEvent failure) =>
        Log(LogLevel.Warning, "Back-channel logout to client {ClientId} at {Uri} failed after {Attempts} attempt(s): {Reason}",
            failure.ClientId, failure.Uri, failure.Attempts, failure.Reason);

    public Task ClientChangedAsync(ClientChangedEvent change) =>
        Log(LogLevel.Information, "Client {ClientId} ({ClientName}) {Change} by {Actor}",
            change.ClientId, change.ClientName, change.Change, change.Actor);

    public Task ConsentRevokedAsync(ConsentEvent consent) =>
        Log(LogLevel.Information, "Consent revoked: user {UserId} took back client {ClientId}'s access", consent.UserId, consent.ClientId);

    public Task TokensRevokedAsync(TokensRevokedEvent revoked) =>
        Log(LogLevel.Information, "{Count} token(s) of {Target} revoked by {RevokedBy}", revoked.Count, revoked.Target, revoked.RevokedBy);

    public Task UserChangedAsync(UserChangedEvent change) =>
        Log(LogLevel.Information, "User {Email} ({UserId}): {Change} by {Actor} {Details}",
            change.UserEmail, change.UserId, change.Change, change.Actor, change.Details);

    public Task ResourceChangedAsync(ResourceChangedEvent change) =>
        Log(LogLevel.Information, "Protected resource {Uri} {Change} by {Actor} {Details}", change.Uri, change.Change, change.Actor, change.Details);

    public Task ScopeChangedAsync(ScopeChangedEvent change) =>
        Log(LogLevel.Information, "Scope {Name} {Change} by {Actor} {Details}", change.Name, change.Change, change.Actor, change.Details);

    public Task InitialAccessTokenChangedAsync(InitialAccessTokenChangedEvent change) =>
        Log(LogLevel.Information, "Initial access token {TokenId} ({TokenName}) of user {OwnerId} {Change} by {Actor} {Details}",
            change.TokenId, change.TokenName, change.OwnerId, change.Change, change.Actor, change.Details);

    public Task SigningKeyChangedAsync(SigningKeyChangedEvent change) =>
        Log(LogLevel.Information, "Signing key {KeyId} ({Algorithm}) {Change} by {Actor} {Details}",
            change.KeyId, change.Algorithm, change.Change, change.Actor, change.Details);
}
