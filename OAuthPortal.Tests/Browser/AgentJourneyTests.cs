using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Duende.IdentityModel;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using OAuthPortal.Tests.Support;
using OAuthPortal.Tests.ThirdParty;

namespace OAuthPortal.Tests.Browser;

/// <summary>
/// An agent (an MCP-style client: a program with a loopback redirect and no secret) that is given only the URL of the
/// sample API finds its way to a token on its own, the way the specifications chain: the API's 401 challenge names its
/// protected-resource metadata (RFC 9728 §5.1), which names the authorization server, whose metadata (RFC 8414) names
/// the registration endpoint (RFC 7591), the authorization endpoint and the token endpoint. The user signs in and allows
/// in headless Chromium on the portal's own pages. The test's only knowledge of the portal besides the API's URL is what
/// a developer sets up in the developer area: an initial access token, and the user's account.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AgentJourneyTests(Chromium chromium)
{
    private static readonly Dictionary<string, string?> InitialAccessTokenMode = new() { ["OAuth:Registration:Mode"] = "InitialAccessToken" };

    [SkippableFact]
    public async Task Agent_GivenOnlyTheApiUrl_DiscoversRegistersAndCallsTheApiAfterTheUserAllowsInTheBrowser()
    {
        await using var world = await BrowserPortal.StartAsync(chromium, InitialAccessTokenMode);
        await using var callback = await CallbackListener.StartAsync();
        var (initialAccessToken, _, _) = await Registrations.InitialAccessTokenAsync(world.Portal.Factory);
        var email = Unique.Email("agent-user");
        await TestUsers.CreateAsync(world.Portal.Factory, email);
        using var agent = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        var apiUrl = world.Portal.Origin + "/api/me";

        // 1. The API, called without a token, answers 401 and points at its metadata (RFC 9728 §5.1).
        using var unauthorized = await agent.GetAsync(apiUrl);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        var challenge = Assert.Single(unauthorized.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        var resourceMetadataUrl = ResourceMetadataParameter().Match(challenge.Parameter ?? "").Groups[1].Value;
        Assert.True(Uri.IsWellFormedUriString(resourceMetadataUrl, UriKind.Absolute), challenge.ToString());

        // 2. The protected-resource metadata: the resource must be the API called (RFC 9728 §3.3), and it names the server.
        var resource = await GetJsonAsync(agent, resourceMetadataUrl);
        Assert.StartsWith(resource.GetProperty("resource").GetString()!, apiUrl);
        var issuer = resource.GetProperty("authorization_servers")[0].GetString()!;

        // 3. The authorization server's metadata (RFC 8414 §3: the well-known path after the issuer's host), for that issuer.
        var issuerUri = new Uri(issuer);
        var server = await GetJsonAsync(agent, $"{issuerUri.GetLeftPart(UriPartial.Authority)}/.well-known/oauth-authorization-server{issuerUri.AbsolutePath.TrimEnd('/')}");
        Assert.Equal(issuer, server.GetProperty("issuer").GetString());
        Assert.Contains("S256", Strings(server, "code_challenge_methods_supported"));
        Assert.Contains("none", Strings(server, "token_endpoint_auth_methods_supported"));
        Assert.True(server.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
        // The API's scopes that this server offers (the challenge names none; "status" is a machine scope).
        var scope = string.Join(' ', Strings(resource, "scopes_supported").Intersect(Strings(server, "scopes_supported")));
        Assert.Equal(ThirdPartySetup.Scope, scope);

        // 4. Registration as a public client with a loopback redirect (RFC 7591 §3.1; RFC 8252 §7.3), with the developer's token.
        using var registration = new HttpRequestMessage(HttpMethod.Post, server.GetProperty("registration_endpoint").GetString())
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["client_name"] = "Agent " + Guid.NewGuid().ToString("N")[..8],
                ["redirect_uris"] = new JsonArray(callback.RedirectUri),
                ["grant_types"] = new JsonArray("authorization_code", "refresh_token"),
                ["response_types"] = new JsonArray("code"),
                ["token_endpoint_auth_method"] = "none",
            }),
        };
        registration.Headers.Authorization = new AuthenticationHeaderValue("Bearer", initialAccessToken);
        using var registered = await agent.SendAsync(registration);
        var client = await JsonAsync(registered, HttpStatusCode.Created);
        var clientId = client.GetProperty("client_id").GetString()!;
        Assert.False(client.TryGetProperty("client_secret", out _));

        // 5. The authorization URL from the metadata, with PKCE (RFC 7636) and state; opened in the user's browser.
        var (verifier, state) = (CryptoRandom.CreateUniqueId(32), CryptoRandom.CreateUniqueId(16));
        var authorizeUrl = QueryHelpers.AddQueryString(server.GetProperty("authorization_endpoint").GetString()!, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = callback.RedirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = ThirdPartySetup.S256(verifier),
            ["code_challenge_method"] = "S256",
        });
        var user = await world.NewPersonAsync();
        await user.GotoAsync(authorizeUrl);
        await BrowserPortal.LogInHereAsync(user, email);
        await user.Locator("form#consent-form").WaitForAsync();
        await user.ClickAsync("[data-test=accept]");

        // 6. The loopback callback: code, the state sent, and the issuer (RFC 9207) that the agent discovered.
        var received = await callback.ReceivedAsync();
        await Assertions.Expect(user).ToHaveURLAsync(new Regex("^" + Regex.Escape(callback.RedirectUri) + @"\?"));
        Assert.Equal(state, received["state"]);
        Assert.Equal(issuer, received["iss"]);
        Assert.False(string.IsNullOrEmpty(received["code"]));

        // 7. The code exchange at the token endpoint from the metadata: client_id and the PKCE verifier, no secret.
        using var exchanged = await agent.PostAsync(server.GetProperty("token_endpoint").GetString(), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = received["code"],
            ["redirect_uri"] = callback.RedirectUri,
            ["client_id"] = clientId,
            ["code_verifier"] = verifier,
        }));
        var tokens = await JsonAsync(exchanged, HttpStatusCode.OK);
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());

        // 8. The API again, with the access token: the user's identity, for this client.
        using var call = new HttpRequestMessage(HttpMethod.Get, apiUrl);
        call.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var me = await agent.SendAsync(call);
        var identity = await JsonAsync(me, HttpStatusCode.OK);
        Assert.Equal(email, identity.GetProperty("email").GetString());
        Assert.Equal(clientId, identity.GetProperty("client_id").GetString());
        Assert.Empty(world.ConsoleErrors);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    private static IReadOnlyList<string> Strings(JsonElement document, string member) =>
        document.GetProperty(member).EnumerateArray().Select(e => e.GetString()!).ToList();

    [GeneratedRegex("resource_metadata=\"([^\"]+)\"")]
    private static partial Regex ResourceMetadataParameter();
}
