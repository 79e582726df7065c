using System.Globalization;
using System.Text;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Fuzz;

/// <summary>
/// Generates the requests from one seeded <see cref="FuzzRandom"/>, independently of the answers: the same seed gives the
/// same requests in the same order. First the sweep: every page handler (and none) with each of a few methods,
/// otherwise well-formed, so that a method or handler a page does not expect is never hidden behind another
/// malformation. Then every route as every identity, malformed. Then at random: routes, identities, methods and
/// malformations (<see cref="FormFuzzer"/>, <see cref="HeaderFuzzer"/>, <see cref="WireFuzzer"/>), a good share of
/// them replays of real forms with a few mutations, which get past antiforgery into model binding and the handlers.
/// </summary>
public sealed class RequestFuzzer
{
    private static readonly string[] IdentityNames = ["anonymous", "user", "admin"];
    public static readonly string[] SweepMethods = ["GET", "POST", "HEAD", "TRACE", "OPTIONS", "PATCH"];
    private static readonly string[] OAuthFields =
        ["grant_type", "code", "redirect_uri", "client_id", "client_secret", "code_verifier", "refresh_token", "scope", "token", "token_type_hint",
         "response_type", "state", "code_challenge", "code_challenge_method", "prompt", "response_mode", "nonce", "request", "request_uri", "resource", "audience"];

    private readonly FuzzWorld _world;
    private readonly FuzzRandom _random;
    private readonly FormFuzzer _forms;
    private readonly HeaderFuzzer _headers;
    private readonly WireFuzzer _wire;
    private readonly List<FuzzWorld.Form> _replays;
    private readonly List<(FuzzRoute Route, string Method, string? Handler)> _sweep;
    private int _count;

    public RequestFuzzer(FuzzWorld world, int seed)
    {
        _world = world;
        _random = new FuzzRandom(seed);
        _forms = new FormFuzzer(_random, world);
        _headers = new HeaderFuzzer(_random, world);
        _wire = new WireFuzzer(_random);
        _replays = [.. world.Forms, .. OAuthRequests(world)];
        // Pages that delete what they are given, or end sessions, come last.
        _sweep = [.. world.Routes.Where(r => r.Kind == FuzzRoute.Page).OrderBy(r => r.EndsSessions || r.Pattern.Contains("Delete", StringComparison.Ordinal))
            .SelectMany(r => SweepMethods.SelectMany(m => r.Handlers.Select(h => (string?)h).Prepend(null).Select(h => (r, m, h))))];
    }

    public int SweepCount => _sweep.Count;

    public FuzzRequest Next()
    {
        var id = ++_count;
        if (id <= _sweep.Count)
        {
            return Swept(id, _sweep[id - 1].Route, _sweep[id - 1].Method, _sweep[id - 1].Handler);
        }

        var index = id - 1 - _sweep.Count;
        var request = index < _world.Routes.Count * IdentityNames.Length ? Generic(id, _world.Routes[index % _world.Routes.Count], IdentityNames[index / _world.Routes.Count])
            : _random.Chance(0.35) ? Replay(id, _random.Pick(_replays))
            : Generic(id, PickRoute(), null);
        _wire.Apply(request);
        return request;
    }

    /// <summary>The identity that sends a request: a throwaway user instead of the user or the admin on pages that end sessions.</summary>
    private static string As(FuzzRoute route, string identity) => route.EndsSessions && identity != "anonymous" ? "leaver" : identity;

    private FuzzRequest Swept(int id, FuzzRoute route, string method, string? handler)
    {
        var identity = As(route, route.Area == "Admin" ? "admin" : route.NeedsUser || id % 2 == 1 ? "user" : "anonymous");
        var target = route.Fill((name, _) => FuzzValues.Encode(_world.RealFor(route, name)[0]));
        var request = new FuzzRequest { Id = id, Route = route.Pattern, Identity = identity, Method = method, Target = target + (handler is null ? "" : "?handler=" + FuzzValues.Encode(handler)) };
        request.Tag("sweep");
        request.Tag("method:" + method);
        request.Header("Cookie", string.Join("; ", _world.Identities[identity].Cookies.Select(c => $"{c.Key}={c.Value}")));
        if (method is "POST" or "PATCH")
        {
            request.ContentType = "application/x-www-form-urlencoded";
            request.Body = Encoding.ASCII.GetBytes("__RequestVerificationToken=" + FuzzValues.Encode(_world.Identities[identity].AntiforgeryToken));
            request.Tag("antiforgery:valid");
        }

        return request;
    }

    private FuzzRequest Generic(int id, FuzzRoute route, string? identity)
    {
        var request = new FuzzRequest { Id = id, Route = route.Pattern, Identity = As(route, identity ?? PickIdentity(route)), Method = PickMethod(route), Target = Path(route) };
        var names = route.Fields.Concat(route.IsOAuth ? OAuthFields : []).ToList();
        if (names.Count == 0 || _random.Chance(0.2))
        {
            names.Add(_random.Pick(_world.AllFields));
        }

        if (_random.Chance(request.Method == "GET" ? 0.7 : 0.4))
        {
            var fields = _forms.Fields(names, inQuery: true);
            if (route.Kind == FuzzRoute.Page && _random.Chance(0.4))
            {
                fields.Insert(_random.Next(fields.Count + 1), FormFuzzer.Field.Of("handler", FuzzValues.Utf8(HandlerValue(route))));
                request.Tag("query:handler");
            }

            request.Target += "?" + _forms.UrlEncoded(fields, request);
            request.Tag("query");
        }

        if (_random.Chance(0.03))
        {
            request.Target += AbsurdQuery(request.Target.Contains('?', StringComparison.Ordinal) ? "&" : "?");
            request.Tag("query:absurd");
        }

        var takesBody = request.Method.ToUpperInvariant() is "POST" or "PUT" or "PATCH" or "DELETE" or "PROPFIND" or "QUERY" or "SEARCH";
        if (_random.Chance(takesBody ? 0.9 : 0.08))
        {
            _forms.Body(request, _forms.Fields(names, inQuery: false), replay: false);
        }

        _headers.Apply(request, route, replay: false);
        return request;
    }

    /// <summary>A real form (its identity's cookies and token) with a few mutations: bracketed, duplicate, extra or dropped fields, bad values.</summary>
    private FuzzRequest Replay(int id, FuzzWorld.Form form)
    {
        var request = new FuzzRequest { Id = id, Route = form.Route.Pattern, Identity = As(form.Route, form.Identity), Method = form.Method, Target = form.Action };
        request.Tag("replay");
        var fields = form.Fields.Where(f => f.Key != "__RequestVerificationToken").Select(f => FormFuzzer.Field.Of(f.Key, FuzzValues.Utf8(f.Value))).ToList();
        for (var mutations = _random.Chance(0.1) ? 0 : _random.Next(1, 4); mutations > 0; mutations--)
        {
            var kind = _random.Next(9);
            var index = fields.Count > 0 ? _random.Next(fields.Count) : -1;
            var name = index >= 0 ? fields[index].Name : "Input";
            request.Tag("mutation:" + new[] { "bracket-key", "duplicate", "value", "long-value", "drop", "extra-field", "percent-error-key", "invalid-utf8", "handler" }[kind]);
            switch (kind)
            {
                case 0:
                    var bracketed = string.Format(CultureInfo.InvariantCulture, _random.Pick(FuzzValues.BracketTemplates), name);
                    fields.Insert(_random.Next(fields.Count + 1), new FormFuzzer.Field(bracketed, bracketed, "x"u8.ToArray()));
                    break;
                case 1 when index >= 0:
                    fields.Add(fields[index] with { Value = _forms.Value() });
                    break;
                case 2 when index >= 0:
                    fields[index] = fields[index] with { Value = _forms.Value() };
                    break;
                case 3 when index >= 0:
                    fields[index] = fields[index] with { Value = Encoding.ASCII.GetBytes(new string('v', _random.Pick(FuzzValues.LongLengths))) };
                    break;
                case 4 when index >= 0:
                    fields.RemoveAt(index);
                    break;
                case 5:
                    fields.Add(_forms.Fields(_world.AllFields, inQuery: false)[0]);
                    break;
                case 6 when index >= 0:
                    var error = _random.Pick(FuzzValues.PercentErrors);
                    fields[index] = fields[index] with { Name = name + error, Wire = fields[index].Wire + error };
                    break;
                case 7 when index >= 0:
                    fields[index] = fields[index] with { Value = [.. fields[index].Value, .. _random.Pick(FuzzValues.InvalidUtf8)] };
                    break;
                default:
                    fields.Add(FormFuzzer.Field.Of("handler", FuzzValues.Utf8(HandlerValue(form.Route))));
                    break;
            }
        }

        if (form.Method == "GET")
        {
            fields = [.. fields.Select(f => f with { Value = f.Value[..Math.Min(f.Value.Length, 1500)] })];
            request.Target += (request.Target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + _forms.UrlEncoded(fields, request);
        }
        else
        {
            _forms.Body(request, fields, replay: true);
        }

        _headers.Apply(request, form.Route, replay: true);
        return request;
    }

    /// <summary>Real OAuth requests (the confidential client with its secret, real tokens and codes), replayed like forms.</summary>
    private static IEnumerable<FuzzWorld.Form> OAuthRequests(FuzzWorld world)
    {
        FuzzRoute Route(string pattern) => world.Routes.First(r => r.Pattern == pattern);
        List<KeyValuePair<string, string>> Of(params (string Key, string Value)[] fields) => [.. fields.Select(f => KeyValuePair.Create(f.Key, f.Value))];
        var (clientId, secret) = world.ConfidentialClient;
        var client = new[] { ("client_id", clientId), ("client_secret", secret) };
        var token = world.Real["access-token"][0];
        var authorize = Of(("response_type", "code"), ("client_id", clientId), ("redirect_uri", FuzzWorld.RedirectUri), ("scope", "profile"), ("state", "s"),
            ("code_challenge", OAuthScenario.Challenge), ("code_challenge_method", "S256"));
        return
        [
            new("anonymous", Route("/oauth2/token"), "POST", "/oauth2/token", Of([("grant_type", "refresh_token"), ("refresh_token", world.Real["refresh-token"][0]), .. client])),
            new("anonymous", Route("/oauth2/token"), "POST", "/oauth2/token", Of([("grant_type", "authorization_code"), ("code", world.Real["code"][1]),
                ("redirect_uri", FuzzWorld.RedirectUri), ("code_verifier", OAuthScenario.Verifier), .. client])),
            new("anonymous", Route("/oauth2/revoke"), "POST", "/oauth2/revoke", Of([("token", token), ("token_type_hint", "access_token"), .. client])),
            new("anonymous", Route("/oauth2/introspect"), "POST", "/oauth2/introspect", Of([("token", token), .. client])),
            new("anonymous", Route("/oauth2/device_authorization"), "POST", "/oauth2/device_authorization", Of([("scope", "profile"), .. client])),
            new("anonymous", Route("/oauth2/token"), "POST", "/oauth2/token", Of([("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                ("device_code", token), .. client])),
            new("anonymous", Route("/oauth2/token"), "POST", "/oauth2/token", Of([("grant_type", "client_credentials"), ("scope", "profile"), .. client])),
            new("user", Route("/oauth2/authorize"), "GET", "/oauth2/authorize", authorize),
            new("user", Route("/oauth2/authorize"), "POST", "/oauth2/authorize", authorize),
            new("anonymous", Route("/oauth2/authorize"), "GET", "/oauth2/authorize", authorize),
        ];
    }

    private FuzzRoute PickRoute()
    {
        var roll = _random.NextDouble();
        var kind = roll < 0.86 ? FuzzRoute.Page : roll < 0.91 ? FuzzRoute.Api : roll < 0.95 ? FuzzRoute.Static : roll < 0.98 ? FuzzRoute.Missing : FuzzRoute.Fallback;
        return _random.Pick(_world.Routes.Where(r => r.Kind == kind).ToList());
    }

    private string PickIdentity(FuzzRoute route)
    {
        var roll = _random.NextDouble();
        return route.Area == "Admin" ? roll < 0.7 ? "admin" : roll < 0.85 ? "user" : "anonymous"
            : route.NeedsUser ? roll < 0.45 ? "user" : roll < 0.85 ? "admin" : "anonymous"
            : IdentityNames[_random.Next(3)];
    }

    private string PickMethod(FuzzRoute route)
    {
        var roll = _random.NextDouble();
        return route.Kind == FuzzRoute.Static
            ? roll < 0.55 ? "GET" : roll < 0.75 ? "HEAD" : roll < 0.85 ? "POST" : _random.Pick(FuzzValues.OddMethods)
            : roll < 0.50 ? "POST" : roll < 0.78 ? "GET" : roll < 0.82 ? "HEAD" : _random.Pick(FuzzValues.OddMethods);
    }

    /// <summary>The route's path with its parameters filled: real objects' ids half the time, edge values and garbage otherwise; sometimes mangled.</summary>
    private string Path(FuzzRoute route)
    {
        if (route.Kind == FuzzRoute.Fallback)
        {
            return _random.Pick(["/x.txt", "/a/b/c.js", "/%2e%2e/appsettings.json", "/appsettings.json", "/web.config", "/.env", "/favicon.ico", "/css/nope.css",
                "/css/site.css.br", "/Identity/lib/nope.js", "/" + new string('a', 3000) + ".css", "/a.b.c.d.e", "/%00.css", "/%C3%28.js", "/..%2F..%2Fetc%2Fpasswd"]);
        }

        var path = route.Fill((name, isInt) =>
            _random.Chance(0.5) ? FuzzValues.Encode(_random.Pick(_world.RealFor(route, name)))
            : isInt || _random.Chance(0.3) ? _random.Pick(["0", "-1", "1", "2147483647", "2147483648", "-2147483648", "99999999999999999999", "1e3", "0x10", "+5", "%2B5", "5.0", "%20%31", "01", "%D9%A1"])
            : _random.Pick([FuzzValues.Encode(_random.Pick(FuzzValues.EdgeStrings)), new string('z', _random.Next(100, 5000)), "%2F", "..", "%2E%2E", "a%2Fb", "%00", "%C3%28",
                FuzzValues.Encode(new Guid([.. Enumerable.Range(0, 16).Select(_ => (byte)_random.Next(256))]).ToString()), "x%20y", "%E2%80%AE", "%ZZ", "%"]));
        return !_random.Chance(0.1) ? path : _random.Pick([path + "/", path.Replace("/", "//", StringComparison.Ordinal), path.ToUpperInvariant(), path.ToLowerInvariant(),
            "/." + path, path + "/.", path + "/..", path.Replace("/", "%2F", StringComparison.Ordinal), path + ";jsessionid=1", path + "%00", path + "%C3%28", path + "%",
            path + "é", path + "\u00ff\u00fe", path + "/" + new string('s', 5000), path + "%2e", path + "\\", path + "/%2e%2e/Admin"]);
    }

    /// <summary>A handler name: the page's own, another page's, or a wrong one.</summary>
    private string HandlerValue(FuzzRoute route)
    {
        var roll = _random.NextDouble();
        return roll < 0.55 && route.Handlers.Count > 0 ? _random.Pick(route.Handlers.ToList())
            : roll < 0.8 ? _random.Pick(_world.AllHandlers)
            : _random.Pick(["", "x", "NoHandler", "\0", "Accept[", "get", "Post", "Async", "OnPost", new string('h', 3000), "%zz", "accept", "ACCEPT", "Accept.x"]);
    }

    private string AbsurdQuery(string separator) => _random.Pick([
        separator + string.Join('&', Enumerable.Range(0, 600).Select(i => $"p{i}={i}")), separator + string.Join('&', Enumerable.Repeat("handler=a", 500)),
        separator + "q=" + new string('q', 102_400), "?", "??", "?&&&", "?=", "?%", "?a=%zz", "?#frag", "?a=1#", "?" + new string('&', 3000), "?a=" + new string('%', 2000),
        "?p=9999999999999999999999", separator + "p=2147483647", separator + "p=-2147483648", separator + "p=0&p=-1", separator + "status=99&action=-1",
        separator + "status=Active,Revoked&action=ClientCreated,UserLocked",
    ]);
}
