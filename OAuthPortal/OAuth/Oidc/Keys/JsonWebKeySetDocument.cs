using System.Text.Json.Serialization;
using Microsoft.IdentityModel.Tokens;

namespace OAuthPortal.OAuth.Oidc.Keys;

/// <summary>
/// The JWK Set (RFC 7517 §5) served at <see cref="Path"/>: the public keys of the ring that are published, active or
/// retired, each with <c>kid</c>, <c>use: sig</c> and <c>alg</c>. Only public parameters are copied, by name.
/// </summary>
public sealed record JsonWebKeySetDocument
{
    public const string Path = "/.well-known/jwks.json";

    /// <summary>How long caches may keep the set (<c>Cache-Control: public, max-age</c>): short, so a revocation spreads soon.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    [JsonPropertyName("keys")] public required IReadOnlyList<IReadOnlyDictionary<string, string>> Keys { get; init; }

    public static JsonWebKeySetDocument Create(IEnumerable<JsonWebKey> keys) => new() { Keys = keys.Select(PublicParameters).ToList() };

    private static Dictionary<string, string> PublicParameters(JsonWebKey key)
    {
        var parameters = new Dictionary<string, string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parameters[name] = value;
            }
        }

        Add(JsonWebKeyParameterNames.Kty, key.Kty);
        Add(JsonWebKeyParameterNames.Use, key.Use);
        Add(JsonWebKeyParameterNames.Alg, key.Alg);
        Add(JsonWebKeyParameterNames.Kid, key.Kid);
        Add(JsonWebKeyParameterNames.N, key.N);
        Add(JsonWebKeyParameterNames.E, key.E);
        Add(JsonWebKeyParameterNames.Crv, key.Crv);
        Add(JsonWebKeyParameterNames.X, key.X);
        Add(JsonWebKeyParameterNames.Y, key.Y);
        return parameters;
    }
}
