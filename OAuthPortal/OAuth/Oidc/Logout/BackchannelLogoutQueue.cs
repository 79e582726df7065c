using System.Threading.Channels;

namespace OAuthPortal.OAuth.Oidc.Logout;

/// <summary>
/// Logout tokens waiting for delivery, in memory (bounded: a flood of logouts cannot exhaust memory; past the bound a
/// token is dropped and reported as a failed delivery). The sign-out page only enqueues: it never waits for a client.
/// </summary>
public sealed class BackchannelLogoutQueue
{
    public const int Capacity = 10_000;

    private readonly Channel<BackchannelLogoutMessage> _channel =
        Channel.CreateBounded<BackchannelLogoutMessage>(new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>False when the queue is full.</summary>
    public bool TryEnqueue(BackchannelLogoutMessage message) => _channel.Writer.TryWrite(message);

    public IAsyncEnumerable<BackchannelLogoutMessage> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
