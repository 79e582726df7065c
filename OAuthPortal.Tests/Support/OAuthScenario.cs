using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management.Scopes;
using OAuthPortal.OAuth.Authorization;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// One authorization set-up per test: a signed-in user with a browser-like client, a registered client with its
/// redirect URIs, and fresh scopes (unique names), plus a builder for authorization request URLs.
/// </summary>
public sealed class OAuthScenario
{
    public const string State = "opaque-state-123";
    public const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private OAuthScenario(PortalFactory factory, PortalUser user, HttpClient browser, string clientId, string? secret, string[] redirectUris, string[] scopes)
    {
        Factory = factory;
        User = user;
        Browser = browser;
        ClientId = clientId;
        ClientSecret = secret;
        RedirectUris = redirectUris;
        Scopes = scopes;
    }

    public PortalFactory Factory { get; }
    public PortalUser User { get; }
    public HttpClient Browser { get; }
    public string ClientId { get; }
    public string? ClientSecret { get; }
    public string[] RedirectUris { get; }
    public string[] Scopes { get; }
    public string RedirectUri => RedirectUris[0];

    public static string Challenge => RequirePkceForPublicClients.S256Challenge(Verifier);

    /// <param name="sharedScopes">Scopes with fixed names (such as "profile"), created if missing and added to the scenario's.</param>
    public static async Task<OAuthScenario> CreateAsync(
        PortalFactory factory, ClientType type = ClientType.Confidential, string[]? redirectUris = null, int scopeCount = 2, string[]? sharedScopes = null,
        string? userEmail = null)
    {
        var owner = await TestUsers.CreateAsync(factory);
        var user = await TestUsers.CreateAsync(factory, userEmail);
        var uris = redirectUris ?? ["https://client.example.test/callback"];
        var client = await TestClients.RegisterAsync(factory, owner.Id, type, uris);
        var scopes = await factory.WithScopeAsync(async s =>
        {
            var catalog = s.GetRequiredService<ScopeCatalog>();
            var names = new List<string>();
            for (var i = 0; i < scopeCount; i++)
            {
                var outcome = await catalog.CreateAsync(Unique.Name($"scope{i}"), $"Do thing number {i}");
                names.Add(outcome.Value!.Name);
            }

            foreach (var shared in sharedScopes ?? [])
            {
                await catalog.CreateAsync(shared, $"Shared scope {shared}"); // fails harmlessly when it exists already
                names.Add(shared);
            }

            return names.ToArray();
        });
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        return new OAuthScenario(factory, user, browser, client.ClientId, client.ClientSecret, uris, scopes);
    }

    /// <summary>The default request parameters (public clients get a PKCE challenge), with overrides; null removes one.</summary>
    public Dictionary<string, string> Parameters(params (string Name, string? Value)[] overrides)
    {
        var parameters = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = ClientId,
            ["scope"] = string.Join(' ', Scopes),
            ["state"] = State,
            ["code_challenge"] = Challenge,
            ["code_challenge_method"] = "S256",
        };
        foreach (var (name, value) in overrides)
        {
            if (value is null)
            {
                parameters.Remove(name);
            }
            else
            {
                parameters[name] = value;
            }
        }

        return parameters;
    }

    public string AuthorizeUrl(params (string Name, string? Value)[] overrides) =>
        QueryHelpers.AddQueryString("/oauth2/authorize", Parameters(overrides)!);
}
