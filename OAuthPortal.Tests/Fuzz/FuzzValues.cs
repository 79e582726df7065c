using System.Text;

namespace OAuthPortal.Tests.Fuzz;

/// <summary>The raw material of malformed requests: edge-case values, malformed keys, methods, content types, headers.</summary>
public static class FuzzValues
{
    /// <summary>Form and query keys that made model binding throw (JQuery-style keys with an unmatched '[') and relatives.</summary>
    public static readonly string[] BracketTemplates =
    [
        "{0}[", "{0}[x", "{0}[0", "{0}[]", "{0}]", "[{0}", "{0}[[", "{0}[]]", "{0}][", "{0}[0]", "{0}[0][", "{0}[a][b", "{0}[a]]",
        "{0}.", "{0}..", ".{0}", "{0}[-1]", "{0}[2147483648]", "{0}[999999999]", "{0}[0x1]", "{0}[ ]", "{0}.[0]", "{0}[.]", "[", "]", "[]", "[=",
        "{0}[{0}", "{0}[%5B", "{0}%5B", "{0}%5D", "{0}.%5B0",
    ];

    /// <summary>The exact shapes named in the issue, sent verbatim as whole urlencoded strings.</summary>
    public static readonly string[] KnownBadForms = ["a[=1", "a[b=1", "[=1", "a[0]=1&a[x=2", "Input[=x", "Input.Email[=x", "handler[=x", "__RequestVerificationToken[=x"];

    public static readonly string[] PercentErrors = ["%", "%z", "%zz", "%%", "%u0041", "%C3%28", "%FF", "%ED%A0%80", "%C0%AF", "%F4%90%80%80", "%00", "%0D%0A", "%E2%80%AE", "%2", "a%", "%G0", "%%41", "%C3"];

    public static readonly string[] EdgeStrings =
    [
        "", " ", "  ", "0", "-1", "1", "00", "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "99999999999999999999999", "1e309", "-0", "0x10", "1.5", "1,5", "NaN", "Infinity", "-Infinity", "true", "false", "on", "off", "null",
        "undefined", "[]", "{}", "[object Object]", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR '1'='1", "'; DROP TABLE Clients; --",
        "../../../../etc/passwd", "..\\..\\web.config", "http://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil.example\\share", "javascript:alert(1)",
        "data:text/html,hi", "~/", "~", "/", "?", "#", "&", "=", "+", "%", "@", "a@b", "@example.test", "user@", "a b", "\t", "\u00a0", "Active", "Revoked",
        "Expired", "Refreshable", "0,1", "Active,Revoked", "99", "-99", "ClientCreated", "openid profile", "profile profile", "profile\tprofile", "S256", "plain",
        "s256", "code", "token", "code token", "id_token", "none", "authorization_code", "refresh_token", "client_credentials", "password",
        "urn:ietf:params:oauth:grant-type:device_code", "access_token", "refresh_token access_token", "consent", "login", "query", "fragment", "form_post",
        "Confidential", "Public", "2", "-5", "ünïcödé", "😀", "\u202e", "\ufeff", "\u0000", "\r\n", "\r\nSet-Cookie: x=y", "%0d%0a", "\u200b", "İ", "ß", "Ω",
        "\ud83d", "ﬀ", "Ａｄｍｉｎ", "COM1", "NUL", "aux.txt", "{{7*7}}", "${jndi:ldap://x}", "%s%s%s%n", "\\u0000", "0001-01-01", "9999-12-31T23:59:59Z",
        "00000000-0000-0000-0000-000000000000", "https://client.example.test/callback", "https://client.example.test/callback?x=1", "https://client.example.test/callback#f",
        "http://127.0.0.1/cb", "HTTPS://CLIENT.EXAMPLE.TEST/callback", "https://client.example.test/callback/../x", "https://client.example.test:99999/callback", "https://[::1",
        "urn:ietf:wg:oauth:2.0:oob", "mailto:a@b", "file:///etc/passwd",
    ];

    /// <summary>Bytes that are not UTF-8 (lone continuation, overlong, surrogate, out of range, truncated).</summary>
    public static readonly byte[][] InvalidUtf8 =
        [[0xC3, 0x28], [0xFF], [0xFE, 0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3]];

    public static readonly int[] LongLengths = [256, 1024, 2049, 4097, 10_000, 65_536, 102_400];

    public static readonly string[] OddMethods = ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "get", "post", "Get", "MKCOL", "LOCK", "SEARCH", "QUERY", "FOO", "M-SEARCH", "BREW", "X", "head", "PURGE"];

    public static readonly string[] MalformedMethods = ["G E T", "GET\0", "", "(", new string('A', 300), "GÉT", "POST\t", "GET/", "\u00ffGET", "CONNECT"];

    public static readonly string[] OddContentTypes =
    [
        "text/plain", "application/xml", "application/octet-stream", "application/x-www-form-urlencoded; charset=utf-7", "application/x-www-form-urlencoded; charset=bogus",
        "application/x-www-form-urlencoded; charset=utf-16", "application/x-www-form-urlencoded; charset=utf-32", "application/x-www-form-urlencoded; charset=iso-8859-1",
        "application/x-www-form-urlencoded;charset=\"utf-8", "application/x-www-form-urlencoded, text/plain", "APPLICATION/X-WWW-FORM-URLENCODED",
        "application/x-www-form-urlencoded; boundary=x", "application/x-www-form-urlencoded; charset=", "application/x-www-form-urlencoded; charset=\"\"",
        "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"", "multipart/mixed; boundary=x", "form-data", "x/y", "/", ";", "a",
        "text/html; charset=iso-8859-1", "application/x-www-form-urlencodedX", "application/json", "application/json; charset=utf-16", "text/json", "*/*", "",
        "application/x-www-form-urlencoded; charset=utf-8; charset=utf-16", "application/x-www-form-urlencoded;;;", "application/x-www-form-urlencoded; =",
    ];

    public static readonly (string Name, string Value)[] OddHeaders =
    [
        ("Accept", "*/*;q=abc"), ("Accept", "text/html;q=0.5;level=9999999999"), ("Accept", "application/json"), ("Accept-Language", "xx-YY;q=NaN,;;,en-US"),
        ("Accept-Language", string.Concat(Enumerable.Repeat("a-b,", 1500))), ("Accept-Language", "zz-ZZ-x-private"), ("Accept-Language", "*"), ("Accept-Language", "de-DE,tr-TR;q=0.9"),
        ("Origin", "null"), ("Origin", "http://evil.example"), ("Origin", "garbage"), ("Access-Control-Request-Method", "DELETE"),
        ("Access-Control-Request-Headers", string.Concat(Enumerable.Repeat("x-a,", 500))), ("Range", "bytes=abc"), ("Range", "bytes=99999999-"),
        ("Range", string.Concat(Enumerable.Repeat("bytes=0-0,", 300))), ("Range", "bytes=-0"), ("If-Range", "garbage"), ("If-None-Match", "*"),
        ("If-None-Match", "\"x\", W/"), ("If-Modified-Since", "not a date"), ("If-Unmodified-Since", "Mon, 99 Foo 1999"), ("Referer", "javascript:alert(1)"),
        ("Referer", "::::"), ("X-Forwarded-For", "999.999.1.1, garbage"), ("X-Forwarded-Proto", "https, http"), ("X-Forwarded-Host", "evil.example"),
        ("Forwarded", "for=\"[::1"), ("X-Requested-With", "XMLHttpRequest"), ("Content-Encoding", "gzip"), ("Content-Encoding", "br, garbage"),
        ("Expect", "100-continue"), ("User-Agent", new string('U', 8000)), ("X-Long", new string('L', 40_000)), ("Accept-Charset", "utf-7"), ("TE", "trailers"),
        ("Max-Forwards", "-1"), ("X-HTTP-Method-Override", "DELETE"), ("X-Original-URL", "/Admin"), ("X-Rewrite-URL", "/Admin"), ("RequestVerificationToken", "garbage"),
        ("Sec-Fetch-Site", "cross-site"), ("Accept-Encoding", "gzip;q=abc, br, *;q=0"), ("Accept-Encoding", "identity;q=0, *;q=0"), ("Pragma", "no-cache"), ("Cache-Control", "max-age=-1"),
    ];

    /// <summary>Header lines Kestrel must refuse (raw only): NUL, bare CR or LF, obs-fold, bad names, no colon.</summary>
    public static readonly string[] BrokenHeaderLines =
    [
        "X-Nul: a\0b", "X-Cr: a\rb", "X-Lf: a\nb", "X-Fold: a\r\n folded", "Bad Header: x", ": novalue", "X(y): z", "NoColonHere", "X-Utf8: \u00c3\u00a9", "X-Bin: \u00ff\u00fe",
        "Cookie: a=\0", "Authorization: Bearer a\0b", "X-Injected: a\r\nSet-Cookie: evil=1", "Content-Length: 5\r\nContent-Length: 6", "\u0001: x",
    ];

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Percent-encodes bytes (unreserved characters kept), as a urlencoded form would.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    public static string Encode(string text) => Encode(Utf8(text));

    /// <summary>Bytes as a Latin-1 string (one char per byte), the wire representation of <see cref="FuzzRequest"/>.</summary>
    public static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    public static string Basic(string credentials) => "Basic " + Convert.ToBase64String(Utf8(credentials));

    public static string Basic(byte[] credentials) => "Basic " + Convert.ToBase64String(credentials);
}
