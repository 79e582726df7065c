using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;

namespace OAuthPortal.Tests.Support;

/// <summary>Pushes authorization requests (RFC 9126) as a client would, and builds the browser's request_uri URL.</summary>
public static class PushedRequests
{
    public const string Path = "/oauth2/par";

    /// <summary>Pushes the scenario's default parameters with overrides (null removes one), authenticated with client_secret_post.</summary>
    public static Task<TokenEndpoint.Reply> PushAsync(OAuthScenario scenario, params (string Name, string? Value)[] overrides)
    {
        var form = scenario.Parameters(overrides);
        if (scenario.ClientSecret is not null)
        {
            form.TryAdd("client_secret", scenario.ClientSecret); // an override (a wrong secret) wins
        }

        return TokenEndpoint.PostAsync(scenario.Factory.CreateClient(), Path, form);
    }

    /// <summary>Pushes and returns the request_uri, asserting 201.</summary>
    public static async Task<string> PushedRequestUriAsync(OAuthScenario scenario, params (string Name, string? Value)[] overrides)
    {
        var reply = await PushAsync(scenario, overrides);
        Html.AssertStatus(System.Net.HttpStatusCode.Created, reply.Response);
        return reply["request_uri"]!;
    }

    /// <summary>The authorization URL a client sends the browser to: client_id, request_uri, and any extra (ignored) parameters.</summary>
    public static string AuthorizeUrl(string clientId, string requestUri, params (string Name, string Value)[] extra) =>
        QueryHelpers.AddQueryString("/oauth2/authorize",
            new Dictionary<string, string?>([new("client_id", clientId), new("request_uri", requestUri), .. extra.Select(e => KeyValuePair.Create(e.Name, (string?)e.Value))]));

    public static Task<int> CountAsync(PortalFactory factory, string clientId) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().PushedAuthorizationRequests.CountAsync(r => r.ClientId == clientId));

    public static Task RequireForClientAsync(PortalFactory factory, string clientId) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == clientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.RequirePushedAuthorizationRequests, true)));

    /// <summary>
    /// The authorization parameters behind an authorize URL: its own query, or, when a client library pushed them first
    /// (RFC 9126: the URL carries only client_id and request_uri), the parameters the client pushed, as stored.
    /// </summary>
    public static async Task<Dictionary<string, Microsoft.Extensions.Primitives.StringValues>> SentParametersAsync(PortalFactory factory, string authorizeUrl)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(authorizeUrl).Query);
        if (!query.TryGetValue("request_uri", out var requestUri))
        {
            return query;
        }

        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", requestUri.ToString());
        var hash = OAuthPortal.OAuth.Secrets.SecretHasher.Hash(requestUri.ToString());
        var pushed = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().PushedAuthorizationRequests
            .Where(r => r.RequestUriHash == hash).Select(r => r.Parameters).SingleAsync());
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + pushed);
    }
}
