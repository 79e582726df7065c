using OAuthPortal.OAuth.Clients;
namespace OAuthPortal.OAuth.Events;

/// <summary>The default <see cref="IOAuthEvents"/>: structured log entries (warnings for the attacks).</summary>
public sealed class LoggingOAuthEvents(ILogger<LoggingOAuthEvents> logger) : IOAuthEvents
{
    public Task ConsentGrantedAsync(ConsentEvent consent)
    {
        logger.LogInformation("Consent granted: user {UserId} gave client {ClientId} scopes {Scopes}",
            consent.UserId, consent.ClientId, string.Join(' ', consent.Scopes));
        return Task.CompletedTask;
    }

    public Task ConsentDeniedAsync(ConsentEvent consent)
    {
        logger.LogInformation("Consent denied: user {UserId} declined client {ClientId} scopes {Scopes}",
            consent.UserId, consent.ClientId, string.Join(' ', consent.Scopes));
        return Task.CompletedTask;
    }

    public Task AuthorizationCodeReusedAsync(TokenFamilyEvent family)
    {
        logger.LogWarning("An authorization code of grant {GrantId} of client {ClientId} was reused; revoked {Count} token(s) of user {UserId}",
            family.GrantId, family.ClientId, family.RevokedTokens, family.UserId);
        return Task.CompletedTask;
    }

    public Task RefreshTokenReusedAsync(TokenFamilyEvent family)
    {
        logger.LogWarning("A revoked refresh token of client {ClientId} was reused; revoked {Count} token(s) of user {UserId} (grant {GrantId})",
            family.ClientId, family.RevokedTokens, family.UserId, family.GrantId);
        return Task.CompletedTask;
    }

    public Task TokenRevokedAsync(TokenRevokedEvent revoked)
    {
        logger.LogInformation("Token {TokenId} of client {ClientId} and user {UserId} revoked by {RevokedBy}",
            revoked.TokenId, revoked.ClientId, revoked.UserId, revoked.RevokedBy);
        return Task.CompletedTask;
    }

    public Task ClientAuthenticationFailedAsync(ClientAuthenticationFailedEvent failure)
    {
        logger.LogWarning("Client authentication failed for {ClientId} from {RemoteAddress}: {Reason}",
            failure.ClientId ?? "(none)", failure.RemoteAddress, failure.Failure.Describe());
        return Task.CompletedTask;
    }

    public Task ClientChangedAsync(ClientChangedEvent change)
    {
        logger.LogInformation("Client {ClientId} ({ClientName}) {Change} by {Actor}", change.ClientId, change.ClientName, change.Change, change.Actor);
        return Task.CompletedTask;
    }

    public Task ConsentRevokedAsync(ConsentEvent consent)
    {
        logger.LogInformation("Consent revoked: user {UserId} took back client {ClientId}'s access", consent.UserId, consent.ClientId);
        return Task.CompletedTask;
    }

    public Task TokensRevokedAsync(TokensRevokedEvent revoked)
    {
        logger.LogInformation("{Count} token(s) of {Target} revoked by {RevokedBy}", revoked.Count, revoked.Target, revoked.RevokedBy);
        return Task.CompletedTask;
    }

    public Task UserChangedAsync(UserChangedEvent change)
    {
        logger.LogInformation("User {Email} ({UserId}): {Change} by {Actor} {Details}", change.UserEmail, change.UserId, change.Change, change.Actor, change.Details);
        return Task.CompletedTask;
    }

    public Task ScopeChangedAsync(ScopeChangedEvent change)
    {
        logger.LogInformation("Scope {Name} {Change} by {Actor} {Details}", change.Name, change.Change, change.Actor, change.Details);
        return Task.CompletedTask;
    }
}
