using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OAuthPortal.Tests.Fuzz;

/// <summary>
/// Form and query content: field names (often malformed: brackets, percent errors, very long, deeply nested), values
/// (real objects' values, edge cases, invalid UTF-8, NUL, CR/LF, 100 KB runs), duplicate keys, and the body that carries
/// them: urlencoded, multipart (sometimes broken), JSON, an odd Content-Type or none.
/// </summary>
public sealed class FormFuzzer(FuzzRandom random, FuzzWorld world)
{
    private static readonly int[] QueryKeyLengths = [256, 1024, 2049, 4000];

    /// <summary>A field: its name as meant (for multipart and JSON), its urlencoded wire form (maybe malformed), its value.</summary>
    public readonly record struct Field(string Name, string Wire, byte[] Value)
    {
        public static Field Of(string name, byte[] value) => new(name, FuzzValues.Encode(name), value);
    }

    /// <summary>A few fields named after <paramref name="names"/> (sometimes any route's), malformed often, some repeated with other values.</summary>
    public List<Field> Fields(IReadOnlyList<string> names, bool inQuery)
    {
        var fields = new List<Field>();
        for (var count = random.Next(1, 8); count > 0; count--)
        {
            var field = Key(random.Chance(0.85) ? random.Pick(names) : random.Pick(world.AllFields), inQuery) with { Value = Value(inQuery) };
            fields.Add(field);
            for (var repeat = random.Chance(0.2) ? random.Next(1, 4) : 0; repeat > 0; repeat--)
            {
                fields.Add(field with { Value = Value(inQuery: true) });
            }
        }

        if (!inQuery && random.Chance(0.02))
        {
            // More fields than the form reader's limit (1024).
            fields.AddRange(Enumerable.Range(0, 1100).Select(i => Field.Of($"f{i}", FuzzValues.Utf8(i.ToString(CultureInfo.InvariantCulture)))));
        }

        return fields;
    }

    /// <summary>A value: a real object's, an edge case, random printable text, invalid UTF-8, control characters, or a long run (2,000 bytes at most in a query).</summary>
    public byte[] Value(bool inQuery = false)
    {
        var roll = random.NextDouble();
        byte[] value = roll switch
        {
            < 0.25 => FuzzValues.Utf8(random.Pick(random.Pick(world.Real.Values.ToList()))),
            < 0.6 => FuzzValues.Utf8(random.Pick(FuzzValues.EdgeStrings)),
            < 0.72 => FuzzValues.Utf8(new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0x20, 0x7f)).ToArray())),
            < 0.84 => [(byte)'v', .. random.Pick(FuzzValues.InvalidUtf8), (byte)'x'],
            < 0.92 => [(byte)'a', 0, (byte)'b', (byte)'\r', (byte)'\n', (byte)'c', (byte)'\r', (byte)'d', 0x7f, 0x1b],
            _ => Encoding.ASCII.GetBytes(new string((char)('a' + random.Next(26)), random.Pick(FuzzValues.LongLengths))),
        };
        return inQuery && value.Length > 2000 ? value[..2000] : value;
    }

    /// <summary>The fields urlencoded: values percent-encoded (sometimes raw bytes), now and then a key without '=', an odd separator, one of the bad shapes.</summary>
    public string UrlEncoded(List<Field> fields, FuzzRequest request)
    {
        var pairs = fields.Select(f => random.Chance(0.05) ? f.Wire : f.Wire + "=" + (random.Chance(0.85) ? FuzzValues.Encode(f.Value) : FuzzValues.Latin1(f.Value))).ToList();
        if (random.Chance(0.05))
        {
            pairs.Insert(random.Next(pairs.Count + 1), random.Pick(FuzzValues.KnownBadForms));
            request.Tag("bracket-key");
        }

        var separator = random.Chance(0.05) ? random.Pick([";", "&&", "&amp;", "& "]) : "&";
        if (separator != "&")
        {
            request.Tag("separator:" + separator.Trim());
        }

        Describe(fields, request);
        return string.Join(separator, pairs);
    }

    /// <summary>A body carrying <paramref name="fields"/>: a replayed form mostly urlencoded as a browser sends it, others in any shape.</summary>
    public void Body(FuzzRequest request, List<Field> fields, bool replay)
    {
        var roll = random.NextDouble();
        var kind = roll < (replay ? 0.75 : 0.55) ? "urlencoded" : roll < 0.68 ? "multipart" : roll < 0.76 ? "multipart-broken" : roll < 0.84 ? "json"
            : roll < 0.9 ? "odd-type" : roll < 0.95 ? "no-type" : "empty";
        request.Tag("body:" + kind);
        switch (kind)
        {
            case "urlencoded" or "odd-type" or "no-type":
                request.ContentType = kind switch
                {
                    "odd-type" => random.Pick(FuzzValues.OddContentTypes),
                    "no-type" => null,
                    _ => random.Chance(0.9) ? "application/x-www-form-urlencoded" : "application/x-www-form-urlencoded; charset=UTF-8",
                };
                request.Body = FuzzValues.Latin1(UrlEncoded(fields, request));
                break;
            case "multipart" or "multipart-broken":
                Multipart(request, fields, broken: kind == "multipart-broken");
                break;
            case "json":
                request.ContentType = random.Chance(0.8) ? "application/json" : random.Pick(["application/json; charset=utf-8", "text/json", "application/problem+json"]);
                request.Body = random.Chance(0.8)
                    ? JsonSerializer.SerializeToUtf8Bytes(fields.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => Encoding.UTF8.GetString(g.Last().Value)))
                    : FuzzValues.Utf8(random.Pick(["{", "[1,2", "null", "\"x\"", new string('[', 5000), "{\"a\":" + new string('9', 400) + "}", "{\"__RequestVerificationToken\":1}"]));
                break;
            default:
                request.Body = [];
                request.ContentType = random.Chance(0.5) ? "application/x-www-form-urlencoded" : null;
                break;
        }
    }

    /// <summary>A name that model binding may read, or a malformed one: brackets, percent errors, a long or deeply nested name, an odd one.</summary>
    private Field Key(string name, bool inQuery)
    {
        var roll = random.NextDouble();
        if (roll < 0.62)
        {
            return Field.Of(name, []);
        }

        if (roll < 0.72)
        {
            var bracketed = string.Format(CultureInfo.InvariantCulture, random.Pick(FuzzValues.BracketTemplates), random.Chance(0.3) ? random.Pick(["a", "Input", "Input.Email", "x.y"]) : name);
            var meant = Uri.UnescapeDataString(bracketed);
            return new Field(meant, random.Chance(0.7) ? bracketed : FuzzValues.Encode(meant), []);
        }

        if (roll < 0.83)
        {
            var error = random.Pick(FuzzValues.PercentErrors);
            var wire = random.Pick([error, name + error, error + name, FuzzValues.Encode(name) + error]);
            return new Field(wire, wire, []);
        }

        if (roll < 0.88)
        {
            var longName = name + new string('k', random.Pick(inQuery ? QueryKeyLengths : FuzzValues.LongLengths));
            return new Field(longName, longName, []);
        }

        if (roll < 0.93)
        {
            var deep = random.Chance(0.5) ? string.Join('.', Enumerable.Repeat(name, random.Next(5, 60))) : name + string.Concat(Enumerable.Repeat("[0]", random.Next(5, 120)));
            return new Field(deep, random.Chance(0.5) ? deep : FuzzValues.Encode(deep), []);
        }

        return Field.Of(random.Pick(["", " ", "+", "=", "\u00e9", "\u00ff", "Ｉｎｐｕｔ", name.ToUpperInvariant(), name.ToLowerInvariant(), " " + name, name + " ", name + "\0", "__proto__", "constructor"]), []);
    }

    private void Multipart(FuzzRequest request, List<Field> fields, bool broken)
    {
        var boundary = "fuzz" + random.Next().ToString("x", CultureInfo.InvariantCulture);
        var flaw = broken ? random.Next(10) : -1;
        request.ContentType = "multipart/form-data" + flaw switch
        {
            0 => "",
            1 => "; boundary=" + new string('b', 80),
            2 => "; boundary=\"" + boundary,
            3 => "; boundary=other",
            4 => "; boundary=",
            _ => "; boundary=" + boundary,
        };
        using var body = new MemoryStream();
        void Write(string text) => body.Write(FuzzValues.Latin1(text));
        if (flaw == 5)
        {
            Write("garbage preamble without CRLF");
        }

        foreach (var field in fields)
        {
            var name = FuzzValues.Latin1(FuzzValues.Utf8(field.Name)); // the name's UTF-8 bytes, as the wire carries them
            Write($"--{boundary}\r\n" + flaw switch
            {
                6 when random.Chance(0.5) => "Content-Type: text/plain\r\n\r\n",
                7 when random.Chance(0.5) => $"Content-Disposition: form-data; name=\"{name}\r\nX-Header-Without-Colon\r\n\r\n",
                8 => $"Content-Disposition: form-data; name=\"{name}\"\r\nX-Big: {new string('h', 20_000)}\r\n\r\n",
                _ when random.Chance(0.15) => $"Content-Disposition: form-data; name=\"{name}\"; filename=\"{random.Pick(["a.txt", "../../x", "", "\u00ff.bin", "a\"b"])}\"\r\n" +
                                              "Content-Type: application/octet-stream\r\n\r\n",
                _ => $"Content-Disposition: form-data; name=\"{name}\"\r\n\r\n",
            });
            body.Write(field.Value);
            Write("\r\n");
        }

        if (flaw != 9)
        {
            Write($"--{boundary}--\r\n");
        }

        request.Tag(broken ? $"multipart-broken:{flaw}" : "multipart");
        request.Body = body.ToArray();
        Describe(fields, request);
    }

    /// <summary>Tags what the fields hold, for the report's "in every request" line.</summary>
    private static void Describe(List<Field> fields, FuzzRequest request)
    {
        if (fields.Any(f => f.Wire.IndexOfAny(['[', ']']) >= 0 || f.Wire.Contains("%5B", StringComparison.OrdinalIgnoreCase) || f.Wire.Contains("%5D", StringComparison.OrdinalIgnoreCase)))
        {
            request.Tag("bracket-key");
        }

        if (fields.GroupBy(f => f.Wire).Any(g => g.Count() > 1))
        {
            request.Tag("duplicate-key");
        }

        if (fields.Any(f => HasPercentError(f.Wire)))
        {
            request.Tag("percent-error");
        }

        if (fields.Any(f => f.Wire.Length + f.Value.Length > 2000))
        {
            request.Tag("long-field");
        }

        if (fields.Any(f => !System.Text.Unicode.Utf8.IsValid(f.Value) || f.Value.Any(b => b < 0x20)))
        {
            request.Tag("invalid-utf8-or-control");
        }
    }

    private static bool HasPercentError(string text) =>
        text.Select((c, i) => c == '%' && (i + 2 >= text.Length || !Uri.IsHexDigit(text[i + 1]) || !Uri.IsHexDigit(text[i + 2]))).Any(error => error);
}
