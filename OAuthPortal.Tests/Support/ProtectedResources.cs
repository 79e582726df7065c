using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;

namespace OAuthPortal.Tests.Support;

/// <summary>Protected resources (RFC 8707) registered straight in the database (the admin pages are tested on their own), and requests naming them.</summary>
public static class ProtectedResources
{
    /// <summary>The portal's own sample API as a resource: the test issuer + /api.</summary>
    public const string SampleApi = "https://localhost/api";

    /// <summary>A new resource with a unique URI accepting <paramref name="scopes"/> (none: any scope); returns its URI.</summary>
    public static Task<string> RegisterAsync(PortalFactory factory, params string[] scopes) =>
        factory.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            var uri = $"https://{Unique.Name("api")}.example.test/v1";
            db.ProtectedResources.Add(new ProtectedResource
            {
                Uri = uri,
                Name = "Test API",
                Scopes = await db.Scopes.Where(x => scopes.Contains(x.Name)).ToListAsync(),
                CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return uri;
        });

    /// <summary>An authorization URL with one <c>resource</c> parameter per value (the parameter repeats, RFC 8707 §2).</summary>
    public static string WithResources(string url, params string[] resources) =>
        url + string.Concat(resources.Select(r => "&resource=" + Uri.EscapeDataString(r)));

    /// <summary>A form with one <c>resource</c> pair per value added.</summary>
    public static List<KeyValuePair<string, string>> WithResources(IEnumerable<KeyValuePair<string, string>> form, params string[] resources) =>
        [.. form, .. resources.Select(r => KeyValuePair.Create("resource", r))];

    /// <summary>The <c>aud</c> of an introspection reply as a list (absent: null).</summary>
    public static string[]? Audience(TokenEndpoint.Reply reply) =>
        reply.Json.TryGetProperty("aud", out var aud) ? aud.EnumerateArray().Select(a => a.GetString()!).ToArray() : null;

    public static Task<TokenEndpoint.Reply> IntrospectAsync(PortalFactory factory, string clientId, string secret, string token) =>
        TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/introspect", new Dictionary<string, string> { ["token"] = token }, TokenEndpoint.Basic(clientId, secret));
}
