using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Registration;

namespace OAuthPortal.Tests.Support;

/// <summary>Dynamic client registration (RFC 7591, RFC 7592) over HTTP: initial access tokens, and the endpoint's calls.</summary>
public static class Registrations
{
    public const string Path = "/oauth2/register";

    /// <summary>A portal where programs register with initial access tokens.</summary>
    public static PortalFactory Factory(params (string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["OAuth:Registration:Mode"] = "InitialAccessToken" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return PortalFactory.With(all);
    }

    public sealed record Reply(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)
    {
        public string? this[string member] => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(member, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

        public bool Has(string member) => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(member, out _);
    }

    /// <summary>A developer (new user unless given) and an initial access token of theirs.</summary>
    public static async Task<(string Token, InitialAccessToken Row, PortalUser Owner)> InitialAccessTokenAsync(
        PortalFactory factory, bool multiUse = false, string[]? grantTypes = null, TimeSpan? lifetime = null, PortalUser? owner = null)
    {
        owner ??= await TestUsers.CreateAsync(factory);
        var ownerId = owner.Id;
        var (token, row) = await factory.WithScopeAsync(s =>
            s.GetRequiredService<InitialAccessTokens>().CreateAsync(ownerId, Unique.Name("agent"), lifetime, multiUse, grantTypes));
        return (token, row, owner);
    }

    /// <summary>Minimal metadata of a confidential web app using the code flow.</summary>
    public static JsonObject WebApp(string redirectUri = "https://agent.example.test/callback") => new()
    {
        ["client_name"] = "Agent " + Guid.NewGuid().ToString("N")[..8],
        ["redirect_uris"] = new JsonArray(redirectUri),
        ["grant_types"] = new JsonArray("authorization_code", "refresh_token"),
        ["response_types"] = new JsonArray("code"),
        ["token_endpoint_auth_method"] = "client_secret_basic",
    };

    public static Task<Reply> RegisterAsync(HttpClient http, JsonNode? metadata, string? bearer) =>
        SendAsync(http, HttpMethod.Post, Path, metadata, bearer);

    public static async Task<Reply> SendAsync(HttpClient http, HttpMethod method, string url, JsonNode? body, string? bearer, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, contentType);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json"
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return new Reply(response.StatusCode, json, response);
    }

    /// <summary>The path of a registration_client_uri (the tests' HTTP client talks to the test server).</summary>
    public static string PathOf(Reply registered) => new Uri(registered["registration_client_uri"]!).PathAndQuery;
}
