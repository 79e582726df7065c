using System.Text;

namespace OAuthPortal.Tests.Fuzz;

/// <summary>
/// What a request says about who sends it: the identity's cookies (sometimes tampered with), an antiforgery token (valid
/// in a good share of the requests, so that they get past antiforgery into model binding and the handlers), a good or
/// bad Authorization header, and now and then an odd header.
/// </summary>
public sealed class HeaderFuzzer(FuzzRandom random, FuzzWorld world)
{
    private const string AuthCookie = FuzzWorld.Identity.AuthCookie;
    private const string AntiforgeryCookies = ".AspNetCore.Antiforgery.";

    public void Apply(FuzzRequest request, FuzzRoute route, bool replay)
    {
        var identity = world.Identities[request.Identity];
        if (request.Method.ToUpperInvariant() is "POST" or "PUT" or "PATCH" or "DELETE" || request.Body is not null)
        {
            var roll = random.NextDouble();
            if (roll < (replay ? 0.9 : 0.6))
            {
                AddAntiforgery(request, identity.AntiforgeryToken);
            }
            else if (roll < (replay ? 0.95 : 0.7))
            {
                request.Header("RequestVerificationToken", random.Pick(["garbage", "CfDJ8" + new string('A', 100), "", identity.AntiforgeryToken[..10]]));
                request.Tag("antiforgery:garbage");
            }
            else
            {
                request.Tag("antiforgery:none");
            }
        }

        var cookies = new List<KeyValuePair<string, string>>(identity.Cookies);
        if (random.Chance(replay ? 0.08 : 0.12))
        {
            MutateCookies(cookies, request);
        }

        if (cookies.Count > 0)
        {
            request.Header("Cookie", string.Join("; ", cookies.Select(c => c.Key.Length == 0 ? c.Value : $"{c.Key}={c.Value}")));
        }

        if (random.Chance(route.IsOAuth ? (replay ? 0.4 : 0.55) : replay ? 0 : 0.12))
        {
            Authorization(request);
        }

        if (random.Chance(route.IsOAuth ? 0.25 : 0.05))
        {
            DpopProof(request, route);
        }

        if (!replay && random.Chance(0.12))
        {
            var (name, value) = random.Pick(FuzzValues.OddHeaders);
            request.Header(name, value);
            request.Tag("header:" + name);
        }
    }

    /// <summary>A valid token, in the form as a browser sends it (first or last field) or in the header.</summary>
    public void AddAntiforgery(FuzzRequest request, string token)
    {
        var type = request.ContentType ?? "";
        var inForm = random.Chance(0.8);
        if (inForm && type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = type.Split("boundary=", 2) is [_, var b] ? b.Trim('"') : "";
            request.Body = [.. FuzzValues.Latin1($"--{boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n"), .. request.Body ?? []];
        }
        else if (inForm && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            var field = Encoding.ASCII.GetBytes("__RequestVerificationToken=" + FuzzValues.Encode(token));
            request.Body = request.Body is { Length: > 0 } body ? random.Chance(0.5) ? [.. field, (byte)'&', .. body] : [.. body, (byte)'&', .. field] : field;
        }
        else
        {
            request.Header("RequestVerificationToken", token);
        }

        request.Tag("antiforgery:valid");
    }

    private void MutateCookies(List<KeyValuePair<string, string>> cookies, FuzzRequest request)
    {
        var auth = cookies.FirstOrDefault(c => c.Key == AuthCookie).Value ?? "CfDJ8" + new string('x', 200);
        var antiforgery = cookies.FirstOrDefault(c => c.Key.StartsWith(AntiforgeryCookies, StringComparison.Ordinal)).Key ?? AntiforgeryCookies + "x";
        var other = world.Identities.Values.First(i => i.Name != request.Identity).AntiforgeryCookie;
        var kind = random.Next(12);
        request.Tag("cookie:" + new[]
        {
            "auth-garbage", "auth-truncated", "auth-flipped", "auth-chunks", "antiforgery-garbage", "antiforgery-missing", "tempdata-garbage",
            "duplicate", "syntax", "huge", "other-identity-antiforgery", "non-ascii",
        }[kind]);
        switch (kind)
        {
            case 0:
                Set(cookies, AuthCookie, random.Pick(["garbage", "CfDJ8" + new string('x', 200), "", "%zz", "chunks-"]));
                break;
            case 1:
                Set(cookies, AuthCookie, auth[..(auth.Length / 2)]);
                break;
            case 2:
                Set(cookies, AuthCookie, auth[..(auth.Length / 2)] + (auth[auth.Length / 2] == 'A' ? 'B' : 'A') + auth[(auth.Length / 2 + 1)..]);
                break;
            case 3:
                Set(cookies, AuthCookie, random.Pick(["chunks-2", "chunks-99999999", "chunks-x", "chunks--1", "chunks-2147483648"]));
                cookies.Add(new(AuthCookie + "C1", auth));
                break;
            case 4:
                Set(cookies, antiforgery, random.Pick(["garbage", "CfDJ8" + new string('y', 150), "", "%%%"]));
                break;
            case 5:
                cookies.RemoveAll(c => c.Key.StartsWith(AntiforgeryCookies, StringComparison.Ordinal));
                break;
            case 6:
                cookies.Add(new(".AspNetCore.Mvc.CookieTempDataProvider", random.Pick(["garbage", "CfDJ8" + new string('t', 120), "%zz", "chunks-3"])));
                break;
            case 7:
                cookies.Add(new(AuthCookie, "second-value"));
                break;
            case 8:
                cookies.Add(new("", random.Pick([";;;", "=", "a", "a=b=c", "a=\"unterminated", "=value", " ; ; "])));
                break;
            case 9:
                cookies.Add(new("big", new string('c', random.Pick([4096, 16_000, 40_000]))));
                break;
            case 10:
                cookies.RemoveAll(c => c.Key.StartsWith(AntiforgeryCookies, StringComparison.Ordinal));
                cookies.Add(other);
                break;
            default:
                cookies.Add(new("n\u00e9", "\u00ff\u00fe"));
                request.MalformedHttp = true; // Kestrel refuses header bytes that are not ASCII
                break;
        }
    }

    private static void Set(List<KeyValuePair<string, string>> cookies, string name, string value)
    {
        cookies.RemoveAll(c => c.Key == name);
        cookies.Add(new(name, value));
    }

    /// <summary>A good or bad Authorization header (Basic, Bearer, other schemes), sometimes two.</summary>
    private void Authorization(FuzzRequest request)
    {
        var (clientId, secret) = world.ConfidentialClient;
        var access = world.Real["access-token"][0];
        var values = new (string Tag, string Value)[]
        {
            ("basic-valid", FuzzValues.Basic($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")), ("basic-wrong-secret", FuzzValues.Basic($"{clientId}:wrong")),
            ("basic-empty", "Basic"), ("basic-space", "Basic "), ("basic-bad-base64", "Basic !!!notbase64***"), ("basic-no-colon", FuzzValues.Basic("nocolon")),
            ("basic-colon-only", FuzzValues.Basic(":")), ("basic-no-id", FuzzValues.Basic(":secret")), ("basic-no-secret", FuzzValues.Basic(clientId + ":")),
            ("basic-invalid-utf8", FuzzValues.Basic([0xC3, 0x28, (byte)':', 0xFF])), ("basic-percent-error", FuzzValues.Basic("%zz:%zz")),
            ("basic-percent-invalid-utf8", FuzzValues.Basic("%C3%28:%FF")), ("basic-percent-colon", FuzzValues.Basic("a%3Ab:c")),
            ("basic-no-padding", FuzzValues.Basic(clientId + ":x").TrimEnd('=')), ("basic-one-char", "Basic a"), ("basic-padding", "Basic ===="),
            ("basic-huge", "Basic " + Convert.ToBase64String(new byte[random.Next(3000, 20_000)])), ("basic-inner-space", "Basic YWJj ZGVm"),
            ("basic-lowercase", "basic" + FuzzValues.Basic($"{clientId}:{secret}")[5..]), ("basic-double-space", "Basic  " + FuzzValues.Basic($"{clientId}:{secret}")[6..]),
            ("basic-nul", FuzzValues.Basic("a\0b:c\0d")), ("basic-long-id", FuzzValues.Basic(new string('i', 5000) + ":x")),
            ("bearer-empty", "Bearer"), ("bearer-space", "Bearer "), ("bearer-garbage", "Bearer garbage"), ("bearer-valid", "Bearer " + access),
            ("bearer-refresh", "Bearer " + world.Real["refresh-token"][0]), ("bearer-huge", "Bearer " + new string('t', random.Next(3000, 20_000))),
            ("bearer-spaces", "Bearer a b c"), ("bearer-comma", "Bearer ,"), ("bearer-lowercase", "bearer " + access), ("bearer-trailing", "Bearer " + access + " "),
            ("bearer-tab", "Bearer\t" + access), ("bearer-percent", "Bearer %zz%00"), ("bearer-base64-junk", "Bearer ===="),
            ("digest", "Digest username=\"x\", realm=\"y\""), ("negotiate", "Negotiate abc"), ("ntlm", "NTLM TlRMTVNTUAABAAAA"), ("scheme-only", "x"), ("empty", ""),
            ("comma", ","), ("two-schemes", "Basic YTpi, Bearer x"),
            ("dpop-valid", "DPoP " + access), ("dpop-empty", "DPoP"), ("dpop-lowercase", "dpop " + access), ("dpop-garbage", "DPoP ~~~"),
        };
        var (tag, value) = random.Pick(values);
        request.Header("Authorization", value);
        request.Tag("auth:" + tag);
        if (random.Chance(0.12))
        {
            request.Header("Authorization", random.Pick(values).Value);
            request.Tag("auth:twice");
        }
    }

    /// <summary>
    /// A DPoP header (RFC 9449): garbage, an unsigned token with an odd header, or a proof signed by a real key whose
    /// claims or jwk are hostile (numbers where strings belong, times out of range, keys of the wrong size or type).
    /// </summary>
    private void DpopProof(FuzzRequest request, FuzzRoute route)
    {
        var url = "https://localhost" + route.Pattern.Split('{')[0];
        var now = DateTimeOffset.UtcNow;
        var (tag, value) = random.Next(4) switch
        {
            0 => random.Pick<(string, string)>([("garbage", "garbage"), ("empty", ""), ("three-dots", "a.b.c"), ("huge", new string('p', random.Next(9000, 30_000))),
                ("unsigned", Unsigned("{\"typ\":\"dpop+jwt\",\"alg\":\"none\"}", "{}")),
                ("jwk-string", Unsigned("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":\"x\"}", "{}")),
                ("jwk-bad-ec", Unsigned("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"!!\",\"y\":\"\"}}", "{}")),
                ("jwk-tiny-rsa", Unsigned("{\"typ\":\"dpop+jwt\",\"alg\":\"RS256\",\"jwk\":{\"kty\":\"RSA\",\"n\":\"AQ\",\"e\":\"AQAB\"}}", "{}")),
                ("jwk-short-okp", Unsigned("{\"typ\":\"dpop+jwt\",\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}}", "{}")),
                ("jwk-oct", Unsigned("{\"typ\":\"dpop+jwt\",\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}}", "{}"))]),
            1 => ("valid", Proof.Proof(request.Method.ToUpperInvariant(), url, now)),
            2 => random.Pick<(string, string)>([
                ("iat-far-future", Proof.Proof("POST", url, now, claims: c => c["iat"] = 253_402_300_800L)),
                ("iat-negative", Proof.Proof("POST", url, now, claims: c => c["iat"] = -62_135_596_801L)),
                ("iat-huge", Proof.Proof("POST", url, now, claims: c => c["iat"] = 1e300)),
                ("iat-string", Proof.Proof("POST", url, now, claims: c => c["iat"] = "now")),
                ("htm-number", Proof.Proof("POST", url, now, claims: c => c["htm"] = 7)),
                ("htu-garbage", Proof.Proof("POST", url, now, claims: c => c["htu"] = "::::")),
                ("jti-object", Proof.Proof("POST", url, now, claims: c => c["jti"] = new Dictionary<string, object> { ["a"] = 1 })),
                ("ath-number", Proof.Proof("GET", url, now, claims: c => c["ath"] = 1)),
                ("nonce-array", Proof.Proof("POST", url, now, claims: c => c["nonce"] = new[] { "a" }))]),
            _ => ("ed25519", Ed25519Proof.Proof(request.Method.ToUpperInvariant(), url, now)),
        };
        request.Header("DPoP", value);
        request.Tag("dpop:" + tag);
    }

    private static readonly Support.DpopKey Proof = Support.DpopKey.Ec();
    private static readonly Support.DpopKey Ed25519Proof = Support.DpopKey.Ed25519();

    private static string Unsigned(string header, string payload) =>
        Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(header) + "." + Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload) + ".AAAA";
}
