using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Oidc.Logout;

using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// The registration rules on a client's public keys (RFC 7591 §2 <c>jwks</c>, <c>jwks_uri</c>), shared by the developer
/// area, the CLI and dynamic registration: a <c>private_key_jwt</c> client registers exactly one of the two; a JWK Set
/// holds 1 to <see cref="MaxKeys"/> public signature keys (RSA of at least 2048 bits, or EC P-256), no private or
/// symmetric key material, distinct <c>kid</c>s, at most <see cref="Client.MaxJwksLength"/> characters; a jwks_uri is
/// an absolute https URL (http only while OAuth:RequireHttps is off) that does not name a private host.
/// </summary>
public static class ClientKeyRegistrationRules
{
    public const int MaxKeys = 10;
    public const int MinRsaKeySize = PublicSignatureKeys.MinRsaKeySize;

    /// <summary>Members that carry private (RFC 7518 §§6.2.2, 6.3.2) or symmetric (§6.4) key material.</summary>
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <summary>Every problem with the keys of a client authenticating with <paramref name="method"/>; empty when none.</summary>
    public static IEnumerable<string> Validate(string method, string? jwks, string? jwksUri, bool requireHttps)
    {
        var hasJwks = !string.IsNullOrWhiteSpace(jwks);
        var hasUri = !string.IsNullOrWhiteSpace(jwksUri);
        if (hasJwks && hasUri)
        {
            return ["Register either a JWK Set or a jwks_uri, not both (RFC 7591 section 2)."];
        }

        if (method == ClientAuthenticationMethod.PrivateKeyJwt && !hasJwks && !hasUri)
        {
            return ["private_key_jwt needs the client's public keys: a JWK Set or a jwks_uri."];
        }

        return hasJwks ? ValidateJwks(jwks!) : hasUri ? ValidateJwksUri(jwksUri!.Trim(), requireHttps) : [];
    }

    /// <summary>The problems of a pasted JWK Set; empty when it is acceptable.</summary>
    public static IReadOnlyList<string> ValidateJwks(string jwks)
    {
        if (jwks.Length > Client.MaxJwksLength)
        {
            return [$"The JWK Set must be at most {Client.MaxJwksLength / 1024} KB."];
        }

        JsonElement keys;
        try
        {
            using var document = JsonDocument.Parse(jwks);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("keys", out var found) ||
                found.ValueKind != JsonValueKind.Array)
            {
                return ["The JWK Set must be a JSON object with a 'keys' array (RFC 7517 section 5)."];
            }

            keys = found.Clone();
        }
        catch (JsonException)
        {
            return ["The JWK Set is not valid JSON."];
        }

        if (keys.GetArrayLength() is 0 or > MaxKeys)
        {
            return [$"The JWK Set must hold 1 to {MaxKeys} keys."];
        }

        var errors = new List<string>();
        var kids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var key in keys.EnumerateArray())
        {
            index++;
            if (ReadableKeyProblem(key) is { } problem)
            {
                errors.Add($"Key {index}: {problem}");
            }
            else if (key.TryGetProperty("kid", out var kid) && !kids.Add(kid.GetString()!))
            {
                errors.Add($"Key {index}: the kid {FieldText.Quote(kid.GetString())} is used by another key.");
            }
        }

        if (keys.GetArrayLength() > 1 && kids.Count < keys.GetArrayLength() && errors.Count == 0)
        {
            errors.Add("With several keys, each needs a 'kid' so that an assertion can say which one signed it.");
        }

        return errors;
    }

    /// <summary>The problems of a jwks_uri; empty when it is acceptable.</summary>
    public static IReadOnlyList<string> ValidateJwksUri(string jwksUri, bool requireHttps)
    {
        if (jwksUri.Length > Client.MaxUrlLength || !Uri.TryCreate(jwksUri, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttps && (requireHttps || uri.Scheme != Uri.UriSchemeHttp)))
        {
            return [$"The jwks_uri {FieldText.Quote(jwksUri)} must be an absolute https URL."];
        }

        if (uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return ["The jwks_uri must not contain a fragment or user credentials."];
        }

        return requireHttps && RequirePublicAddress.NamesPrivateHost(uri)
            ? ["The jwks_uri must be on a public host: the portal fetches it."]
            : [];
    }

    /// <summary>
    /// The keys of a stored JWK Set (one accepted by <see cref="ValidateJwks"/>), described for people: kid, kty, alg,
    /// crv of each, in order. Empty when <paramref name="jwks"/> is null or not a JWK Set.
    /// </summary>
    public static IReadOnlyList<RegisteredClientKey> Describe(string? jwks)
    {
        if (string.IsNullOrWhiteSpace(jwks))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(jwks);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("keys", out var keys) ||
                keys.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return keys.EnumerateArray().Where(k => k.ValueKind == JsonValueKind.Object)
                .Select(k => new RegisteredClientKey(Member(k, "kid"), Member(k, "kty") ?? "?", Member(k, "alg"), Member(k, "crv")))
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }

        static string? Member(JsonElement key, string name) =>
            key.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>
    /// <see cref="KeyProblem"/>, with what cannot be read at all (a member that is not base64url, an escaped lone
    /// surrogate in a string) as a problem rather than an exception.
    /// </summary>
    private static string? ReadableKeyProblem(JsonElement key)
    {
        try
        {
            var problem = KeyProblem(key);
            _ = key.ValueKind == JsonValueKind.Object && key.TryGetProperty("kid", out var kid) ? kid.GetString() : null;
            return problem;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            return "not a JSON Web Key (a member is not valid base64url or text).";
        }
    }

    private static string? KeyProblem(JsonElement key)
    {
        if (key.ValueKind != JsonValueKind.Object)
        {
            return "not a JSON object.";
        }

        if (PrivateMembers.FirstOrDefault(m => key.TryGetProperty(m, out _)) is { } member)
        {
            return $"it holds private or symmetric key material ('{member}'): register the public key only.";
        }

        foreach (var name in (string[])["kty", "kid", "use", "alg", "crv", "n", "e", "x", "y"])
        {
            if (key.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.String)
            {
                return $"'{name}' must be a string.";
            }
        }

        if (key.TryGetProperty("use", out var use) && use.GetString() != JsonWebKeyUseNames.Sig)
        {
            return "its 'use' must be 'sig'.";
        }

        if (key.TryGetProperty("alg", out var alg) && !ClientAssertionValidator.Algorithms.Contains(alg.GetString()))
        {
            return $"its 'alg' must be one of {string.Join(", ", ClientAssertionValidator.Algorithms)}.";
        }

        JsonWebKey parsed;
        try
        {
            parsed = new JsonWebKey(key.GetRawText());
        }
        catch (ArgumentException)
        {
            return "not a JSON Web Key.";
        }

        return parsed.Kty switch
        {
            JsonWebAlgorithmsKeyTypes.RSA when string.IsNullOrEmpty(parsed.N) || string.IsNullOrEmpty(parsed.E) => "an RSA key needs 'n' and 'e'.",
            JsonWebAlgorithmsKeyTypes.RSA when parsed.KeySize < MinRsaKeySize => $"an RSA key must have at least {MinRsaKeySize} bits.",
            JsonWebAlgorithmsKeyTypes.RSA => null,
            JsonWebAlgorithmsKeyTypes.EllipticCurve when parsed.Crv != JsonWebKeyECTypes.P256 => "an EC key must be on the P-256 curve (ES256).",
            JsonWebAlgorithmsKeyTypes.EllipticCurve when string.IsNullOrEmpty(parsed.X) || string.IsNullOrEmpty(parsed.Y) => "an EC key needs 'x' and 'y'.",
            JsonWebAlgorithmsKeyTypes.EllipticCurve => null,
            _ => "its 'kty' must be RSA or EC.",
        };
    }
}
