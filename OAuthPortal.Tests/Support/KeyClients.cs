using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OAuthPortal.Data;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// Clients that authenticate with private_key_jwt (RFC 7523 §2.2): key pairs made in the test, their public JWK Set,
/// the client's keys and method set straight in the database (registration is tested elsewhere), and client assertions
/// signed as a client library would.
/// </summary>
public static class KeyClients
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    public const string Audience = "https://localhost";
    public const string TokenEndpointUrl = "https://localhost/oauth2/token";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>A key pair: <see cref="Signing"/> signs, <see cref="PublicJwk"/> is what the client registers.</summary>
    public sealed record ClientKey(SigningCredentials Signing, Dictionary<string, string> PublicJwk);

    public static ClientKey Rsa(string? kid = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        kid ??= Unique.Name("rsa");
        using var rsa = RSA.Create(2048);
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));
        var signing = new RsaSecurityKey(rsa.ExportParameters(true)) { KeyId = kid };
        return new ClientKey(new SigningCredentials(signing, algorithm), new() { ["kty"] = jwk.Kty, ["kid"] = kid, ["n"] = jwk.N, ["e"] = jwk.E });
    }

    public static ClientKey Ec(string? kid = null)
    {
        kid ??= Unique.Name("ec");
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ecdsa.ExportParameters(false))));
        return new ClientKey(new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256),
            new() { ["kty"] = jwk.Kty, ["kid"] = kid, ["crv"] = jwk.Crv, ["x"] = jwk.X, ["y"] = jwk.Y });
    }

    public static string JwkSet(params ClientKey[] keys) => JsonSerializer.Serialize(new { keys = keys.Select(k => k.PublicJwk) });

    /// <summary>A new confidential client allowed client_credentials (one machine scope), made a private_key_jwt client with no secret.</summary>
    public static async Task<string> RegisterAsync(PortalFactory factory, string? jwks, string? jwksUri = null)
    {
        var client = await MachineClients.RegisterAsync(factory, ClientType.Confidential, [MachineClients.ClientCredentials],
            await MachineClients.CreateScopeAsync(factory));
        await UseKeysAsync(factory, client.ClientId, jwks, jwksUri);
        return client.ClientId;
    }

    /// <summary>Makes an existing client a private_key_jwt client with these keys (a JWK Set, or its URL) and no secret.</summary>
    public static Task UseKeysAsync(PortalFactory factory, string clientId, string? jwks, string? jwksUri = null) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == clientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.TokenEndpointAuthMethod, "private_key_jwt").SetProperty(c => c.SecretHash, (byte[]?)null)
                .SetProperty(c => c.Jwks, jwks).SetProperty(c => c.JwksUri, jwksUri)));

    /// <summary>
    /// A client assertion as RFC 7523 §3 wants it (iss = sub = client_id, aud, a fresh jti, iat now, exp in a minute, by
    /// <paramref name="factory"/>'s clock), with <paramref name="edit"/> applied to the claims (null values remove).
    /// </summary>
    public static string Assertion(PortalFactory factory, ClientKey key, string clientId, params (string Name, object? Value)[] edit)
    {
        var now = factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = clientId, ["sub"] = clientId, ["aud"] = Audience, ["jti"] = Guid.NewGuid().ToString("N"), ["iat"] = now, ["exp"] = now + 60,
        };
        foreach (var (name, value) in edit)
        {
            if (value is null)
            {
                claims.Remove(name);
            }
            else
            {
                claims[name] = value;
            }
        }

        return Handler.CreateToken(new SecurityTokenDescriptor { Claims = claims, SigningCredentials = key.Signing });
    }

    /// <summary>
    /// The same assertion as a client library takes it (Duende.IdentityModel's <c>ClientAssertion</c>), for the portal on
    /// Kestrel: <c>aud</c> is its issuer identifier, the origin it is reached at.
    /// </summary>
    public static Duende.IdentityModel.Client.ClientAssertion ClientAssertion(KestrelPortal portal, ClientKey key, string clientId) => new()
    {
        Type = Duende.IdentityModel.OidcConstants.ClientAssertionTypes.JwtBearer,
        Value = Assertion(portal.Factory, key, clientId, ("aud", portal.Origin)),
    };

    /// <summary>A form authenticated by <paramref name="assertion"/>, with <paramref name="fields"/>.</summary>
    public static Dictionary<string, string> Form(string assertion, params (string Name, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["client_assertion_type"] = AssertionType, ["client_assertion"] = assertion };
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        return form;
    }

    /// <summary>client_credentials at the token endpoint, authenticated by <paramref name="assertion"/>.</summary>
    public static Task<TokenEndpoint.Reply> ClientCredentialsAsync(HttpClient http, string assertion) =>
        TokenEndpoint.TokenAsync(http, Form(assertion, ("grant_type", MachineClients.ClientCredentials)));
}
