using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.WebUtilities;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cluster;

/// <summary>
/// The authorization-code flow and the token endpoint through the proxy, step by step, and a way to choose (roughly)
/// which instance serves the next request: nginx (one worker) passes requests round robin, strictly in turn, so after
/// N probes the next request goes where the N-th last probe went. The tests still assert where each request landed.
/// </summary>
public sealed class ClusterFlows(ClusterTopology cluster)
{
    public const string Scope = "profile"; // the sample API's scope; a plain OAuth 2.0 grant, so refreshable (no openid)

    public sealed record Client(string Id, string Secret)
    {
        public AuthenticationHeaderValue Basic => TokenEndpoint.Basic(Id, Secret);
    }

    /// <summary>
    /// A new user, registered through the proxy on the Identity register page, then signed in on the login page with
    /// <paramref name="browser"/> (Portal:RequireConfirmedAccount is off, so the account can sign in at once; the
    /// register page does not sign in by itself). Faster than a CLI process per user on a busy machine.
    /// </summary>
    public async Task<string> RegisterAsync(HttpClient browser)
    {
        var email = Unique.Email("cluster");
        var (page, document) = await Html.GetPageAsync(browser, "/Identity/Account/Register");
        Html.AssertStatus(HttpStatusCode.OK, page);
        var registered = await Html.SubmitAsync(browser, document.Form("form#registerForm"), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = TestUsers.Password,
            ["Input.ConfirmPassword"] = TestUsers.Password,
        });
        Html.AssertStatus(HttpStatusCode.Redirect, registered);
        Html.AssertStatus(HttpStatusCode.Redirect, await SignInAsync(browser, email));
        return email;
    }

    /// <summary>A confidential client (client_secret_basic; authorization_code and refresh_token), registered with the CLI by a new user.</summary>
    public async Task<Client> CreateClientAsync()
    {
        using var browser = cluster.CreateClient();
        var ownerEmail = await RegisterAsync(browser);
        var run = await cluster.RunCliAsync("clients", "create", "--owner", ownerEmail, "--name", Unique.Name("cluster-client"),
            "--redirect-uri", ClusterTopology.RedirectUri, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        var json = JsonSerializer.Deserialize<JsonElement>(run.Output);
        return new Client(json.GetProperty("client_id").GetString()!, json.GetProperty("client_secret").GetString()!);
    }

    /// <summary>
    /// Makes it likely that the next request through the proxy is served by none of <paramref name="avoid"/>: probes
    /// GET /healthz until the instance due next (the one the N-th last probe reached) is not among them.
    /// </summary>
    public async Task SteerAwayFromAsync(params ClusterTopology.Instance[] avoid)
    {
        using var probe = cluster.CreateClient();
        var seen = new List<ClusterTopology.Instance>();
        var n = cluster.Instances.Count;
        for (var attempt = 0; attempt < 3 * n; attempt++)
        {
            var response = await probe.GetAsync("/healthz");
            Html.AssertStatus(HttpStatusCode.OK, response);
            seen.Add(cluster.ServedBy(response));
            if (seen.Count >= n && !avoid.Contains(seen[^n]))
            {
                return;
            }
        }
    }

    /// <summary>GET the login page, steer away from <paramref name="avoid"/>, POST the form; returns the POST's response.</summary>
    public async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, params ClusterTopology.Instance[] avoid)
    {
        var (page, document) = await Html.GetPageAsync(browser, "/Identity/Account/Login");
        Html.AssertStatus(HttpStatusCode.OK, page);
        await SteerAwayFromAsync(avoid);
        return await Html.SubmitAsync(browser, document.Form("form#account"), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = TestUsers.Password,
        });
    }

    public static string AuthorizeUrl(Client client, string? prompt = "consent") =>
        QueryHelpers.AddQueryString("/oauth2/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = client.Id,
            ["redirect_uri"] = ClusterTopology.RedirectUri,
            ["scope"] = Scope,
            ["state"] = OAuthScenario.State,
            ["code_challenge"] = OAuthScenario.Challenge,
            ["code_challenge_method"] = "S256",
            ["prompt"] = prompt,
        });

    /// <summary>GET the consent page, steer away from <paramref name="avoid"/>, press Allow; returns the POST's response (a redirect with the code).</summary>
    public async Task<HttpResponseMessage> ConsentAsync(HttpClient browser, Client client, params ClusterTopology.Instance[] avoid)
    {
        var (page, document) = await Html.GetPageAsync(browser, AuthorizeUrl(client));
        Html.AssertStatus(HttpStatusCode.OK, page);
        var form = document.Form("form[data-test=consent-form]");
        await SteerAwayFromAsync(avoid);
        return await Html.SubmitAsync(browser, form, submitter: form.QuerySelector<IHtmlButtonElement>("button[data-test=accept]"));
    }

    /// <summary>The code of an authorization response redirected to the client, after checking state and iss.</summary>
    public string CodeOf(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Expected a redirect to the client, got {(int)response.StatusCode} (Location: {response.Headers.Location})");
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(ClusterTopology.RedirectUri + "?", location);
        var query = QueryHelpers.ParseQuery(new Uri(location).Query);
        Assert.Equal(OAuthScenario.State, query["state"].ToString());
        Assert.Equal(cluster.Issuer.ToString().TrimEnd('/'), query["iss"].ToString());
        return query["code"].ToString();
    }

    /// <summary>
    /// POSTs a token request; the reply's JSON only when the body is JSON (the proxy's own 502 page is HTML).
    /// </summary>
    public static async Task<TokenEndpoint.Reply> TokenAsync(HttpClient http, Dictionary<string, string> form, AuthenticationHeaderValue authorization)
    {
        var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/oauth2/token")
        {
            Content = new FormUrlEncodedContent(form), Headers = { Authorization = authorization },
        });
        var json = response.Content.Headers.ContentType?.MediaType == "application/json"
            ? JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync())
            : default;
        return new TokenEndpoint.Reply(response, json);
    }

    public static Task<TokenEndpoint.Reply> ExchangeAsync(HttpClient http, Client client, string code) =>
        TokenAsync(http, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = ClusterTopology.RedirectUri,
            ["code_verifier"] = OAuthScenario.Verifier,
        }, client.Basic);

    public static Task<TokenEndpoint.Reply> RefreshAsync(HttpClient http, Client client, string refreshToken) =>
        TokenAsync(http, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }, client.Basic);

    /// <summary>GET /api/me with the access token (the sample API; needs scope profile).</summary>
    public static Task<HttpResponseMessage> MeAsync(HttpClient http, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http.SendAsync(request);
    }

    /// <summary>
    /// A signed-in browser that has consented once for <paramref name="client"/>, and a way to get fresh token pairs
    /// from it (the authorization redirects at once: consent is remembered).
    /// </summary>
    public async Task<HttpClient> ConsentedBrowserAsync(Client client)
    {
        var browser = cluster.CreateClient();
        await RegisterAsync(browser);
        CodeOf(await ConsentAsync(browser, client));
        return browser;
    }

    /// <summary>A fresh token pair through the whole flow (authorization redirect, code exchange) for a browser that consented already.</summary>
    public async Task<TokenEndpoint.Reply> ObtainTokensAsync(HttpClient browser, Client client)
    {
        var code = CodeOf(await browser.GetAsync(AuthorizeUrl(client, prompt: null)));
        var reply = await ExchangeAsync(browser, client, code);
        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        return reply;
    }
}
