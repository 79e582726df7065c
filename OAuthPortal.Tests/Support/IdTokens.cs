using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OAuthPortal.Tests.Support;

/// <summary>Validates the portal's JWTs as a relying party would: against the keys its JWKS serves now, at the test clock's time.</summary>
public static class IdTokens
{
    public const string Issuer = "https://localhost";

    public static async Task<IReadOnlyList<JsonWebKey>> JwksAsync(PortalFactory factory)
    {
        var json = await factory.CreateClient().GetStringAsync("/.well-known/jwks.json");
        return new JsonWebKeySet(json).Keys.ToList();
    }

    /// <summary>The validated token; fails the test with the reason when it does not validate.</summary>
    public static async Task<JsonWebToken> ValidateAsync(PortalFactory factory, string? token, string audience, string? tokenType = null)
    {
        Assert.NotNull(token);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = await JwksAsync(factory),
            ValidTypes = tokenType is null ? null : [tokenType],
            LifetimeValidator = (_, expires, _, _) => expires > factory.Clock.GetUtcNow().UtcDateTime,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }

    public static JsonElement Payload(JsonWebToken token) =>
        JsonSerializer.Deserialize<JsonElement>(Base64UrlEncoder.Decode(token.EncodedPayload));
}
