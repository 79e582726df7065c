namespace OAuthPortal.OAuth;

/// <summary>The default <see cref="IOAuthEvents"/>: structured log entries.</summary>
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
}
