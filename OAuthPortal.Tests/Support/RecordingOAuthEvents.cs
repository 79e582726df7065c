using System.Collections.Concurrent;
using OAuthPortal.OAuth;

namespace OAuthPortal.Tests.Support;

/// <summary>An <see cref="IOAuthEvents"/> that remembers what was raised, for assertions.</summary>
public sealed class RecordingOAuthEvents : IOAuthEvents
{
    public ConcurrentQueue<(string Kind, ConsentEvent Consent)> Raised { get; } = new();

    public Task ConsentGrantedAsync(ConsentEvent consent)
    {
        Raised.Enqueue(("granted", consent));
        return Task.CompletedTask;
    }

    public Task ConsentDeniedAsync(ConsentEvent consent)
    {
        Raised.Enqueue(("denied", consent));
        return Task.CompletedTask;
    }
}
