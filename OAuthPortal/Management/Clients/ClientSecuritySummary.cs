using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Management.Clients;

/// <summary>
/// A client's authentication and security settings as the audit log records them: the method, its keys (how many, or
/// the jwks_uri), PAR, DPoP and the profile. Never a secret or key material.
/// </summary>
public static class ClientSecuritySummary
{
    /// <summary>The settings of <paramref name="client"/>, comma-separated.</summary>
    public static string Of(Client client) => string.Join(", ", Settings(client).Select(s => $"{s.Name}={s.Value}"));

    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/> ("name: old -> new; ..."), or "" when nothing did.</summary>
    public static string Changes(Client before, Client after) => string.Join("; ", Settings(before).Zip(Settings(after))
        .Where(pair => pair.First.Value != pair.Second.Value)
        .Select(pair => $"{pair.First.Name}: {pair.First.Value} -> {pair.Second.Value}"));

    /// <summary>A copy of the settings this summary reads, taken before an edit.</summary>
    public static Client Snapshot(Client client) => new()
    {
        TokenEndpointAuthMethod = client.TokenEndpointAuthMethod, Jwks = client.Jwks, JwksUri = client.JwksUri,
        RequirePushedAuthorizationRequests = client.RequirePushedAuthorizationRequests, DpopBoundAccessTokens = client.DpopBoundAccessTokens,
        Profile = client.Profile,
    };

    /// <summary>The start of the set's SHA-256: a new key under an old kid changes it too.</summary>
    private static string Fingerprint(string jwks) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(jwks)))[..12];

    private static IEnumerable<(string Name, string Value)> Settings(Client client)
    {
        yield return ("token_endpoint_auth_method", client.TokenEndpointAuthMethod);
        var keys = ClientKeyRegistrationRules.Describe(client.Jwks);
        yield return ("jwks", keys.Count == 0 ? "none" : $"{string.Join(' ', keys.Select(k => k.KeyId ?? k.KeyType))} (sha256:{Fingerprint(client.Jwks!)})");
        yield return ("jwks_uri", client.JwksUri ?? "none");
        yield return ("require_pushed_authorization_requests", client.RequirePushedAuthorizationRequests ? "on" : "off");
        yield return ("dpop_bound_access_tokens", client.DpopBoundAccessTokens ? "on" : "off");
        yield return ("profile", ClientProfileNames.Of(client.Profile));
    }
}
