using System.Collections.Concurrent;
using OAuthPortal.OAuth.Events;

namespace OAuthPortal.Tests.Support;

/// <summary>An <see cref="IOAuthEvents"/> that remembers what was raised (kind and payload), for assertions.</summary>
public sealed class RecordingOAuthEvents : IOAuthEvents
{
    public ConcurrentQueue<(string Kind, object Payload)> Raised { get; } = new();

    public IEnumerable<T> Of<T>(string kind) => Raised.Where(e => e.Kind == kind).Select(e => (T)e.Payload);

    public Task ConsentGrantedAsync(ConsentEvent consent) => Record("consent-granted", consent);

    public Task ConsentDeniedAsync(ConsentEvent consent) => Record("consent-denied", consent);

    public Task AuthorizationCodeReusedAsync(TokenFamilyEvent family) => Record("code-reused", family);

    public Task RefreshTokenReusedAsync(TokenFamilyEvent family) => Record("refresh-reused", family);

    public Task TokenRevokedAsync(TokenRevokedEvent revoked) => Record("token-revoked", revoked);

    public Task ClientChangedAsync(ClientChangedEvent change) => Record("client-changed", change);

    public Task ConsentRevokedAsync(ConsentEvent consent) => Record("consent-revoked", consent);

    public Task TokensRevokedAsync(TokensRevokedEvent revoked) => Record("tokens-revoked", revoked);

    public Task UserChangedAsync(UserChangedEvent change) => Record("user-changed", change);

    public Task ScopeChangedAsync(ScopeChangedEvent change) => Record("scope-changed", change);

    public Task ResourceChangedAsync(ResourceChangedEvent change) => Record("resource-changed", change);

    public Task SigningKeyChangedAsync(SigningKeyChangedEvent change) => Record("signing-key-changed", change);

    public Task InitialAccessTokenChangedAsync(InitialAccessTokenChangedEvent change) => Record("initial-access-token-changed", change);

    public Task ClientAuthenticationFailedAsync(ClientAuthenticationFailedEvent failure) => Record("client-auth-failed", failure);

    public Task BackchannelLogoutFailedAsync(BackchannelLogoutFailedEvent failure) => Record("backchannel-logout-failed", failure);

    private Task Record(string kind, object payload)
    {
        Raised.Enqueue((kind, payload));
        return Task.CompletedTask;
    }
}
