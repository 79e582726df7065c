using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace OAuthPortal.Tests.Support;

/// <summary>Sends bytes to a real socket as they are, for requests HttpClient refuses to make (no Host, bad header bytes).</summary>
public static class RawHttp
{
    /// <summary>The answer: status 0 when the server closed the connection without one; the body de-chunked.</summary>
    public sealed record Reply(int StatusCode, string Head, string Body);

    /// <summary>
    /// Writes <paramref name="request"/> and reads until the server closes the connection (send "Connection: close").
    /// An answer sent before the server read the whole request (400, 413, 431, then a reset) is still read;
    /// <paramref name="halfClose"/> ends the sending side after the request, so that a body shorter than its
    /// Content-Length ends there. Interim 1xx answers are skipped. A timeout throws OperationCanceledException.
    /// </summary>
    public static async Task<Reply> SendAsync(Uri origin, byte[] request, TimeSpan? timeout = null, bool halfClose = false)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        using var socket = new TcpClient();
        await socket.ConnectAsync(origin.Host, origin.Port, cancel.Token);
        var stream = socket.GetStream();
        using var received = new MemoryStream();
        try
        {
            await stream.WriteAsync(request, cancel.Token);
            if (halfClose)
            {
                socket.Client.Shutdown(SocketShutdown.Send);
            }

            await stream.CopyToAsync(received, cancel.Token);
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            // Reset by the server: what it said before is read below.
            await ReadRestAsync(stream, received, cancel.Token);
        }

        return Parse(received.ToArray());
    }

    public static Task<Reply> SendAsync(Uri origin, string request, TimeSpan? timeout = null) =>
        SendAsync(origin, Encoding.UTF8.GetBytes(request), timeout);

    private static async Task ReadRestAsync(NetworkStream stream, MemoryStream received, CancellationToken cancellationToken)
    {
        try
        {
            await stream.CopyToAsync(received, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
        }
    }

    private static Reply Parse(byte[] bytes)
    {
        ReadOnlySpan<byte> rest = bytes;
        while (true)
        {
            var end = rest.IndexOf("\r\n\r\n"u8);
            var head = Encoding.UTF8.GetString(end < 0 ? rest : rest[..end]);
            var status = head.Split("\r\n")[0].Split(' ') is [_, var code, ..] && int.TryParse(code, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
            var body = end < 0 ? [] : rest[(end + 4)..];
            if (status is >= 100 and < 200 && end >= 0)
            {
                rest = body;
                continue;
            }

            var chunked = head.Contains("\r\nTransfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);
            return new Reply(status, head, Encoding.UTF8.GetString(chunked ? Dechunk(body) : body));
        }
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> body)
    {
        using var output = new MemoryStream();
        while (body.IndexOf("\r\n"u8) is var line and > 0 &&
               int.TryParse(Encoding.ASCII.GetString(body[..line]).Split(';')[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) &&
               size > 0 && body.Length >= line + 2 + size)
        {
            output.Write(body.Slice(line + 2, size));
            body = body[Math.Min(body.Length, line + 4 + size)..];
        }

        return output.ToArray();
    }
}
