using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OAuthPortal.OAuth.Oidc.Keys;

namespace OAuthPortal.Tests.Support;

/// <summary>The signing-key ring of a test portal: sign with it, fetch its JWKS over HTTP, validate against that.</summary>
public static class TestSigningKeys
{
    public static SigningKeyRing Ring(PortalFactory factory) => factory.Services.GetRequiredService<SigningKeyRing>();

    /// <summary>Runs the background check once, now (what the timer does every minute).</summary>
    public static Task CheckAsync(PortalFactory factory) => factory.Services.GetRequiredService<SigningKeyMaintenance>().RunOnceAsync();

    public static Task<IReadOnlyList<SigningKeyListItem>> ListAsync(PortalFactory factory) => Ring(factory).ListAsync();

    public static async Task<SigningKeyListItem> SingleAsync(PortalFactory factory, string algorithm, SigningKeyPhase phase) =>
        Assert.Single(await ListAsync(factory), k => k.Algorithm == algorithm && k.Phase == phase);

    /// <summary>A JWT signed by the ring's active key of <paramref name="algorithm"/>, and that key's kid.</summary>
    public static async Task<(string Token, string KeyId)> SignAsync(PortalFactory factory, string algorithm)
    {
        var credentials = await Ring(factory).GetSigningCredentialsAsync(algorithm);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://localhost",
            Audience = "test-client",
            Claims = new Dictionary<string, object> { ["sub"] = "user-1" },
            SigningCredentials = credentials,
        });
        return (token, credentials.Key.KeyId);
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Json)> GetJwksAsync(PortalFactory factory)
    {
        var response = await factory.CreateClient().GetAsync(JsonWebKeySetDocument.Path);
        return (response, JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()));
    }

    public static async Task<IReadOnlyList<string>> JwksKeyIdsAsync(PortalFactory factory) =>
        (await GetJwksAsync(factory)).Json.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToList();

    /// <summary>Whether <paramref name="token"/>'s signature validates against the portal's JWKS as served now (lifetime not checked: the clock is fake).</summary>
    public static async Task<bool> ValidatesAsync(PortalFactory factory, string token)
    {
        var set = new JsonWebKeySet(await (await factory.CreateClient().GetAsync(JsonWebKeySetDocument.Path)).Content.ReadAsStringAsync());
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            IssuerSigningKeys = set.Keys,
            TryAllIssuerSigningKeys = false,
        });
        return result.IsValid;
    }
}
