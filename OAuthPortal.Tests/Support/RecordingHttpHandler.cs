using System.Collections.Concurrent;
using System.Net;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// Stands in for the network behind an outgoing HttpClient: records each request's URL and form, and answers with
/// <see cref="Answer"/> (by attempt number, from 1), so a test decides what the other side does.
/// </summary>
public sealed class RecordingHttpHandler : HttpMessageHandler
{
    public ConcurrentQueue<(Uri Url, Dictionary<string, string> Form)> Requests { get; } = new();

    public Func<int, Task<HttpStatusCode>> Answer { get; set; } = _ => Task.FromResult(HttpStatusCode.OK);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = request.Content is null ? [] : Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(await request.Content.ReadAsStringAsync(cancellationToken))
            .ToDictionary(p => p.Key, p => p.Value.ToString());
        Requests.Enqueue((request.RequestUri!, form));
        var status = await Answer(Requests.Count).WaitAsync(cancellationToken);
        return new HttpResponseMessage(status);
    }

    /// <summary>Waits (up to 10 s) until <paramref name="count"/> requests arrived, advancing <paramref name="clock"/> so that retry pauses pass.</summary>
    public async Task WaitForAsync(int count, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Requests.Count < count && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        Assert.True(Requests.Count >= count, $"{Requests.Count} request(s) arrived, expected {count}");
    }
}
