using System.Globalization;
using System.Text;

namespace OAuthPortal.Tests.Fuzz;

/// <summary>
/// One generated request, sent over a raw socket exactly as built. Strings that go on the wire (method, target, header
/// lines) are Latin-1, one char per byte, so that a request can carry any byte (invalid UTF-8, NUL, CR/LF).
/// </summary>
public sealed class FuzzRequest
{
    public required int Id { get; init; }

    /// <summary>The route pattern (or static file, or missing page) the request is aimed at: the coverage count and the report.</summary>
    public required string Route { get; init; }

    /// <summary>Whose cookies it carries: "anonymous", "user", "admin" or "leaver" (see <see cref="FuzzRoute.EndsSessions"/>).</summary>
    public required string Identity { get; init; }

    public required string Method { get; set; }

    /// <summary>The request target as sent: path and query, percent-encoded (or deliberately not).</summary>
    public required string Target { get; set; }

    public string Version { get; set; } = "HTTP/1.1";

    /// <summary>The Host header lines as sent, each ending in CRLF ("" sends none); null sends the portal's own.</summary>
    public string? HostLines { get; set; }

    /// <summary>Header lines besides Host, Connection, Content-Type and Content-Length, as sent (broken ones included).</summary>
    public List<string> HeaderLines { get; } = [];

    public string? ContentType { get; set; }

    public byte[]? Body { get; set; }

    /// <summary>The Content-Length to declare ("" for none); null declares the body's length when there is a body.</summary>
    public string? ContentLength { get; set; }

    /// <summary>End the sending side after the request: a body shorter than its Content-Length ends there.</summary>
    public bool HalfClose { get; set; }

    /// <summary>
    /// Malformed at the HTTP level (request line, header syntax, framing, a body cut short): Kestrel itself may refuse it
    /// (400, 414, 431, 505) or close the connection without an answer. A well-formed request must always get an answer.
    /// </summary>
    public bool MalformedHttp { get; set; }

    /// <summary>What was done to the request ("bracket-key", "auth:basic-no-colon"...), for the report.</summary>
    public SortedSet<string> Tags { get; } = new(StringComparer.Ordinal);

    public void Tag(string tag) => Tags.Add(tag);

    public void Header(string name, string value) => HeaderLines.Add($"{name}: {value}");

    public byte[] ToBytes(Uri origin)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{Method} {Target} {Version}\r\n");
        head.Append(HostLines ?? $"Host: {origin.Authority}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"{FuzzCorrelation.Header}: {Id}\r\nConnection: close\r\n");
        foreach (var line in HeaderLines)
        {
            head.Append(line).Append("\r\n");
        }

        if (ContentType is not null)
        {
            head.Append("Content-Type: ").Append(ContentType).Append("\r\n");
        }

        if ((ContentLength ?? Body?.Length.ToString(CultureInfo.InvariantCulture)) is { Length: > 0 } length)
        {
            head.Append("Content-Length: ").Append(length).Append("\r\n");
        }

        return [.. Encoding.Latin1.GetBytes(head.Append("\r\n").ToString()), .. Body ?? []];
    }

    /// <summary>Drops what the report does not show of a sent request (a long run keeps them all).</summary>
    public void Shorten()
    {
        Target = Target.Length > 2000 ? Target[..2000] : Target;
        Body = Body is { Length: > 1000 } body ? body[..1000] : Body;
        for (var i = 0; i < HeaderLines.Count; i++)
        {
            HeaderLines[i] = HeaderLines[i].Length > 200 ? HeaderLines[i][..200] : HeaderLines[i];
        }
    }

    /// <summary>One line for the report: method, target and version, non-printable bytes escaped, long runs shortened.</summary>
    public string Display() =>
        $"{Printable(Method, 20)} {Printable(Target, 160)}{(Version == "HTTP/1.1" ? "" : " " + Printable(Version, 20))}" +
        (HostLines is null ? "" : $" [{(HostLines.Length == 0 ? "no Host" : Printable(HostLines.TrimEnd(), 60))}]");

    /// <summary>The text with control characters and Latin-1 bytes escaped (\xNN), cut at <paramref name="max"/> chars.</summary>
    public static string Printable(string text, int max)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Take(max))
        {
            builder.Append(c is >= ' ' and < '\u007f' or > '\u00ff' ? c.ToString() : $"\\x{(int)c:X2}");
        }

        return text.Length > max ? builder.Append(CultureInfo.InvariantCulture, $"…({text.Length} chars)").ToString() : builder.ToString();
    }
}
