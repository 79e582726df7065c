using System.Net.Sockets;
using System.Text;

namespace OAuthPortal.Tests.Support;

/// <summary>Sends bytes to a real socket as they are, for requests HttpClient refuses to make (no Host, bad header bytes).</summary>
public static class RawHttp
{
    public sealed record Reply(int StatusCode, string Head, string Body);

    /// <summary>Writes <paramref name="request"/> and reads until the server closes the connection (send "Connection: close").</summary>
    public static async Task<Reply> SendAsync(Uri origin, byte[] request, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        using var socket = new TcpClient();
        await socket.ConnectAsync(origin.Host, origin.Port, cancel.Token);
        var stream = socket.GetStream();
        await stream.WriteAsync(request, cancel.Token);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, cancel.Token);
        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var statusLine = head.Split("\r\n")[0].Split(' ');
        return new Reply(statusLine.Length > 1 && int.TryParse(statusLine[1], out var status) ? status : 0, head, split < 0 ? "" : text[(split + 4)..]);
    }

    public static Task<Reply> SendAsync(Uri origin, string request, TimeSpan? timeout = null) =>
        SendAsync(origin, Encoding.UTF8.GetBytes(request), timeout);
}
