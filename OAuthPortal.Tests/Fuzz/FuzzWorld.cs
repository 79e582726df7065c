using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management.Scopes;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Fuzz;

/// <summary>
/// What the fuzzer aims at, set up through the portal as people would: identities signed in through the login page over
/// the socket (a user, an admin, a throwaway user, and no one); clients, scopes, a consent, codes and tokens; and the
/// forms, handlers and query keys of every page, found by opening each page as each identity.
/// </summary>
public sealed class FuzzWorld
{
    public const string RedirectUri = "https://client.example.test/callback";

    private FuzzWorld(List<FuzzRoute> routes) => Routes = routes;

    /// <summary>A browser's cookies (sent as they are) and antiforgery request token.</summary>
    public sealed record Identity(string Name, List<KeyValuePair<string, string>> Cookies, string AntiforgeryToken)
    {
        public const string AuthCookie = ".AspNetCore.Identity.Application";

        public KeyValuePair<string, string> AntiforgeryCookie => Cookies.First(c => c.Key.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
    }

    /// <summary>A form seen on a page, as a browser submits it (hidden fields and antiforgery token included).</summary>
    public sealed record Form(string Identity, FuzzRoute Route, string Method, string Action, List<KeyValuePair<string, string>> Fields);

    public List<FuzzRoute> Routes { get; }

    public Dictionary<string, Identity> Identities { get; } = new(StringComparer.Ordinal);

    public List<Form> Forms { get; } = [];

    /// <summary>Values of real objects by kind: user, email, client, secret, scope-id, scope, token-id, access-token, refresh-token, code.</summary>
    public Dictionary<string, List<string>> Real { get; } = new(StringComparer.Ordinal);

    public List<string> AllHandlers { get; private set; } = [];

    public List<string> AllFields { get; private set; } = [];

    /// <summary>The account of the final "a normal sign-in still works" check: never named in a fuzz request.</summary>
    public string BystanderEmail { get; private set; } = "";

    public (string ClientId, string Secret) ConfidentialClient { get; private set; }

    public static async Task<FuzzWorld> CreateAsync(KestrelPortal portal)
    {
        var factory = portal.Factory;
        var world = new FuzzWorld(RouteCatalog.Read(factory.Services));
        var users = new Dictionary<string, PortalUser>(StringComparer.Ordinal);
        foreach (var name in new[] { "user", "admin", "leaver", "victim", "bystander" })
        {
            users[name] = await TestUsers.CreateAsync(factory, admin: name == "admin");
        }

        // Objects that admin pages may change (lock, grant, revoke) belong to the victim, never to a fuzzing identity.
        var (owner, victim) = (users["user"], users["victim"]);
        world.BystanderEmail = users["bystander"].Email!;
        world.Add("user", victim.Id);
        world.Add("email", victim.Email!);
        var fuzzScope = Unique.Name("fuzzscope");
        await factory.WithScopeAsync(async s =>
        {
            var catalog = s.GetRequiredService<ScopeCatalog>();
            await catalog.CreateAsync("profile", "Your profile");
            await catalog.CreateAsync(fuzzScope, "A scope to fuzz");
        });

        var confidential = await TestClients.RegisterAsync(factory, owner.Id, ClientType.Confidential, RedirectUri);
        var second = await TestClients.RegisterAsync(factory, owner.Id, ClientType.Confidential, RedirectUri, "http://127.0.0.1/cb");
        var clients = new[] { confidential, second, await TestClients.RegisterAsync(factory, owner.Id, ClientType.Public, RedirectUri),
            await TestClients.RegisterAsync(factory, victim.Id, ClientType.Confidential, RedirectUri) };
        world.ConfidentialClient = (confidential.ClientId, confidential.ClientSecret!);
        await MachineClients.AllowAsync(factory, confidential.ClientId, "authorization_code", "refresh_token", MachineClients.ClientCredentials, MachineClients.DeviceCode);
        await MachineClients.AddMachineScopesAsync(factory, confidential.ClientId, fuzzScope);
        foreach (var client in clients)
        {
            world.Add("client", client.ClientId);
            if (client.ClientSecret is { } secret)
            {
                world.Add("secret", secret);
            }
        }

        var browsers = new Dictionary<string, (HttpClient Http, CookieContainer Jar)>(StringComparer.Ordinal);
        try
        {
            foreach (var name in new[] { "anonymous", "user", "admin", "leaver" })
            {
                var jar = new CookieContainer();
                var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = portal.BaseAddress };
                browsers[name] = (browser, jar);
                Html.AssertStatus(users.ContainsKey(name) ? HttpStatusCode.Redirect : HttpStatusCode.OK, users.TryGetValue(name, out var user)
                    ? await SignIn.PostLoginAsync(browser, user.Email!, TestUsers.Password)
                    : await browser.GetAsync("/Identity/Account/Login"));
            }

            // A consent and tokens through the real flow: a spent code, unspent ones (one for a client pages may delete), tokens.
            var consenting = browsers["user"].Http;
            var spent = await AuthorizeAsync(consenting, confidential.ClientId);
            using var http = portal.CreateHttpClient();
            var tokens = await TokenEndpoint.TokenAsync(http, new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = spent, ["redirect_uri"] = RedirectUri,
                ["client_id"] = confidential.ClientId, ["client_secret"] = confidential.ClientSecret!, ["code_verifier"] = OAuthScenario.Verifier,
            });
            world.Add("access-token", tokens["access_token"]!);
            world.Add("refresh-token", tokens["refresh_token"]!);
            world.Add("code", spent);
            world.Add("code", await AuthorizeAsync(consenting, confidential.ClientId));
            world.Add("code", await AuthorizeAsync(consenting, second.ClientId));
            world.Add("code-verifier", OAuthScenario.Verifier);
            await factory.WithScopeAsync(async s =>
            {
                var db = s.GetRequiredService<PortalDbContext>();
                foreach (var scope in await db.Scopes.AsNoTracking().OrderBy(x => x.Id).ToListAsync())
                {
                    world.Add("scope-id", scope.Id.ToString(CultureInfo.InvariantCulture));
                    world.Add("scope", scope.Name);
                }

                foreach (var id in await db.AccessTokens.AsNoTracking().OrderBy(x => x.Id).Select(x => x.Id).ToListAsync())
                {
                    world.Add("token-id", id.ToString(CultureInfo.InvariantCulture));
                }
            });

            await world.DiscoverAsync(browsers.Where(b => b.Key != "leaver").ToDictionary(b => b.Key, b => b.Value.Http));
            foreach (var (name, (browser, jar)) in browsers)
            {
                // The request token is bound to the signed-in user: taken from a page opened with the sign-in cookie.
                var (_, page) = await Html.GetPageAsync(browser, name == "anonymous" ? "/Identity/Account/Login" : "/Identity/Account/Manage");
                var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
                    ?? throw new InvalidOperationException($"No antiforgery token for {name}.");
                world.Identities[name] = new Identity(name, jar.GetCookies(portal.BaseAddress).Select(c => KeyValuePair.Create(c.Name, c.Value)).ToList(), token);
            }
        }
        finally
        {
            foreach (var (browser, _) in browsers.Values)
            {
                browser.Dispose();
            }
        }

        return world;
    }

    /// <summary>The authorization URL of the world's consents (PKCE S256, prompt=consent).</summary>
    public static string AuthorizeTarget(string clientId, string state) =>
        QueryHelpers.AddQueryString("/oauth2/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = clientId, ["redirect_uri"] = RedirectUri, ["scope"] = "profile", ["state"] = state,
            ["code_challenge"] = OAuthScenario.Challenge, ["code_challenge_method"] = "S256", ["prompt"] = "consent",
        });

    /// <summary>
    /// Values of real objects for a route parameter: user ids for users, scope ids for scopes, client ids elsewhere (not
    /// the confidential client's, whose secret and tokens the OAuth requests use: pages delete and rotate what they are given).
    /// </summary>
    public List<string> RealFor(FuzzRoute route, string parameter) =>
        parameter.Equals("code", StringComparison.OrdinalIgnoreCase) ? ["400", "404", "405", "429", "500", "503", "200", "302"]
        : route.Pattern.Contains("/Users/", StringComparison.Ordinal) ? Real["user"]
        : route.Pattern.Contains("/Scopes/", StringComparison.Ordinal) ? Real["scope-id"]
        : route.Area == "Admin" ? [.. OtherClients.AsEnumerable().Reverse()] // another user's client first
        : OtherClients; // the user's own first

    private List<string> OtherClients => [.. Real["client"].Where(c => c != ConfidentialClient.ClientId)];

    private void Add(string kind, string value)
    {
        if (!Real.TryGetValue(kind, out var values))
        {
            Real[kind] = values = [];
        }

        values.Add(value);
    }

    private static async Task<string> AuthorizeAsync(HttpClient browser, string clientId) =>
        OAuthAssert.RedirectsTo(await Consent.AcceptAsync(browser, AuthorizeTarget(clientId, "fuzz")), RedirectUri, HttpStatusCode.SeeOther)["code"];

    /// <summary>Opens every page as every identity (real ids in its parameters) and notes its forms, handlers and query keys.</summary>
    private async Task DiscoverAsync(Dictionary<string, HttpClient> browsers)
    {
        var visits = Routes.Where(r => r.Kind == FuzzRoute.Page).SelectMany(route => browsers.Keys.Order(StringComparer.Ordinal).Select(identity => (Route: route, Identity: identity))).ToList();
        using var gate = new SemaphoreSlim(FuzzSettings.Concurrency);
        // Fetched a few at a time, then read in a fixed order: what is found does not depend on which answer came first.
        var pages = await Task.WhenAll(visits.Select(async visit =>
        {
            await gate.WaitAsync();
            try
            {
                var target = visit.Route.Pattern == "/oauth2/authorize"
                    ? AuthorizeTarget(Real["client"][0], "discover")
                    : visit.Route.Fill((name, _) => Uri.EscapeDataString(RealFor(visit.Route, name)[0]));
                var (response, document) = await Html.GetPageAsync(browsers[visit.Identity], target);
                return (Target: target, Document: response.StatusCode == HttpStatusCode.OK ? document : null);
            }
            finally
            {
                gate.Release();
            }
        }));

        foreach (var ((route, identity), (target, document)) in visits.Zip(pages))
        {
            foreach (var form in document?.QuerySelectorAll<IHtmlFormElement>("form") ?? [])
            {
                var fields = Html.Fields(form);
                var method = (form.GetAttribute("method") ?? "get").ToUpperInvariant();
                var actions = form.QuerySelectorAll("[formaction]").Select(b => b.GetAttribute("formaction")!).Prepend(form.GetAttribute("action") is { Length: > 0 } a ? a : target);
                foreach (var action in actions)
                {
                    AddForm(identity, method, action, fields, route);
                }
            }

            foreach (var link in document?.QuerySelectorAll("a[href*='?']").Select(l => l.GetAttribute("href")!) ?? [])
            {
                RouteCatalog.Match(Routes, link)?.Fields.UnionWith(QueryHelpers.ParseQuery(link[link.IndexOf('?', StringComparison.Ordinal)..]).Keys);
            }
        }

        AllHandlers = [.. Routes.SelectMany(r => r.Handlers).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        AllFields = [.. Routes.SelectMany(r => r.Fields).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private void AddForm(string identity, string method, string action, List<KeyValuePair<string, string>> fields, FuzzRoute page)
    {
        var route = RouteCatalog.Match(Routes, action) ?? page;
        var query = action.Contains('?', StringComparison.Ordinal) ? QueryHelpers.ParseQuery(action[action.IndexOf('?', StringComparison.Ordinal)..]) : [];
        if (query.TryGetValue("handler", out var handler) && handler.ToString().Length > 0)
        {
            route.Handlers.Add(handler.ToString());
        }

        route.Fields.UnionWith(fields.Select(f => f.Key).Where(k => k != "__RequestVerificationToken"));
        // The same form on many pages (the layout's sign-out form) is kept once per identity.
        if (method == "POST" && !Forms.Any(f => f.Identity == identity && f.Action == action && f.Fields.Select(x => x.Key).SequenceEqual(fields.Select(x => x.Key))))
        {
            Forms.Add(new Form(identity, route, method, action, fields));
        }
    }
}
