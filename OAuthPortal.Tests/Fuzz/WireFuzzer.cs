using System.Globalization;

namespace OAuthPortal.Tests.Fuzz;

/// <summary>
/// Malformations at the HTTP level, below what any HTTP client would send: HTTP/1.0 without Host, a Host that is
/// missing, empty, twice or garbage, an unknown version, a Content-Length that lies, chunked framing (sometimes broken,
/// sometimes with a Content-Length too), broken header lines (NUL, bare CR or LF, obs-fold), malformed methods, odd
/// request-target forms. Requests Kestrel may refuse by itself are marked <see cref="FuzzRequest.MalformedHttp"/>.
/// </summary>
public sealed class WireFuzzer(FuzzRandom random)
{
    public void Apply(FuzzRequest request)
    {
        var roll = random.NextDouble();
        if (roll < 0.04)
        {
            request.Version = "HTTP/1.0";
            request.HostLines = random.Chance(0.7) ? "" : null;
            request.Tag(request.HostLines is null ? "http1.0" : "http1.0-no-host");
        }
        else if (roll < 0.07)
        {
            var value = random.Pick(["a b", "[::1", "127.0.0.1:99999", "x:abc", "evil.example", "\u00ff", "..", ".", "a..b", "a@b", "127.0.0.1:", ":80", "[::1]:1",
                "[v1.x]", "256.256.256.256", "xn--garbage", "xn--", "-a-.b_c"]);
            var kind = random.Next(4);
            request.HostLines = kind switch { 0 => "", 1 => "Host: \r\n", 2 => $"Host: 127.0.0.1\r\nHost: {value}\r\n", _ => $"Host: {value}\r\n" };
            request.MalformedHttp = true;
            request.Tag("host:" + new[] { "missing", "empty", "twice", "garbage" }[kind]);
        }
        else if (roll < 0.09)
        {
            request.Version = random.Pick(["HTTP/1.2", "HTTP/2.0", "HTTP/3", "HTTP/1.1x", "http/1.1", "HTTP/0.9", "HTTP/1", "HTTP/11", ""]);
            request.MalformedHttp = true;
            request.Tag("version:" + request.Version);
        }
        else if (roll < 0.12 && request.Body is { Length: > 0 } body)
        {
            var lie = random.Next(6);
            request.ContentLength = lie switch
            {
                0 => (body.Length + random.Next(1, 100_000)).ToString(CultureInfo.InvariantCulture),
                1 => random.Next(body.Length).ToString(CultureInfo.InvariantCulture),
                2 => "abc",
                3 => "-1",
                4 => "99999999999999999999",
                _ => $"{body.Length}, {body.Length}",
            };
            // A body longer than sent ends with a half-close: the client is gone mid-body. A shorter one is read as declared.
            request.HalfClose = lie == 0;
            request.MalformedHttp = lie != 1;
            request.Tag("content-length:" + new[] { "too-large", "too-small", "not-a-number", "negative", "huge", "list" }[lie]);
        }
        else if (roll < 0.14 && request.Body is { } chunked)
        {
            var broken = random.Chance(0.5);
            request.Header("Transfer-Encoding", "chunked");
            request.Body = Chunk(chunked, broken);
            request.ContentLength = random.Chance(0.2) ? "5" : "";
            request.HalfClose = broken;
            request.MalformedHttp = broken || request.ContentLength.Length > 0;
            request.Tag(broken ? "framing:chunked-broken" : "framing:chunked");
        }
        else if (roll < 0.16)
        {
            request.HeaderLines.Add(random.Pick(FuzzValues.BrokenHeaderLines));
            request.MalformedHttp = true;
            request.Tag("header-line:broken");
        }
        else if (roll < 0.17)
        {
            request.Method = random.Pick(FuzzValues.MalformedMethods);
            request.MalformedHttp = true;
            request.Tag("method:malformed");
        }
        else if (roll < 0.18)
        {
            request.Target = random.Pick(["*", "http://127.0.0.1" + request.Target, "http://evil.example" + request.Target, "127.0.0.1:80", "", "//" + request.Target,
                "..", "/%2e%2e/%2e%2e/etc/passwd", "\\" + request.Target]);
            request.MalformedHttp = true;
            request.Tag("target-form");
        }

        // What Kestrel refuses whatever the rest: bytes that are not printable ASCII in the target, a request line or headers over its limits.
        if (request.Target.Any(c => c <= ' ' || c > '~') || request.Target.Length > 8000 || request.HeaderLines.Sum(l => l.Length) > 30_000 ||
            request.Method.Equals("CONNECT", StringComparison.OrdinalIgnoreCase))
        {
            request.MalformedHttp = true;
        }
    }

    /// <summary>The body in three chunks and the last chunk; broken: ending in a chunk size that is not hex, overflows, or never comes.</summary>
    private byte[] Chunk(byte[] body, bool broken)
    {
        using var output = new MemoryStream();
        var size = Math.Max(1, body.Length / 3);
        for (var offset = 0; offset < body.Length; offset += size)
        {
            var length = Math.Min(size, body.Length - offset);
            output.Write(FuzzValues.Latin1(length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            output.Write(body, offset, length);
            output.Write("\r\n"u8);
        }

        output.Write(FuzzValues.Latin1(broken ? random.Pick(["zz\r\nxx\r\n", "FFFFFFFFFFFFFFFFFF\r\n", "5\r\nab"]) : "0\r\n\r\n"));
        return output.ToArray();
    }
}
