using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OAuthPortal.Bench;

/// <summary>
/// The DPoP scenarios' set-up (RFC 9449): <c>dpop-client</c> makes a registered confidential client DPoP-bound
/// (<c>DpopBoundAccessTokens</c>, as the tests set it) and writes a new ES256 key pair for the load generator to prove
/// with (a private JWK, in the work folder only); it prints the key's RFC 7638 thumbprint, which the seeder binds the
/// seeded tokens to (<c>seed --dpop-jkt</c>).
/// </summary>
internal static class DpopClient
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var clientId = args.Required("client-id");
        await using (var db = Seeder.Open(args.Required("db")))
        {
            if (await db.Clients.Where(c => c.Id == clientId).ExecuteUpdateAsync(u => u.SetProperty(c => c.DpopBoundAccessTokens, true)) != 1)
            {
                throw new ArgumentException($"--client-id {clientId}: no such client");
            }
        }

        var key = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(key);
        await File.WriteAllTextAsync(args.Required("key-out"), System.Text.Json.JsonSerializer.Serialize(
            new Dictionary<string, string> { ["kty"] = jwk.Kty, ["crv"] = jwk.Crv, ["x"] = jwk.X, ["y"] = jwk.Y, ["d"] = jwk.D }));
        Console.WriteLine(DpopProofMaker.Load(args.Required("key-out")).Jkt);
        await Console.Error.WriteLineAsync($"client {clientId}: DPoP-bound; ES256 key in {args.Required("key-out")}");
        return 0;
    }
}

/// <summary>Makes DPoP proofs (RFC 9449 §4.2) with an ES256 key read from a private JWK file: a unique jti each, iat now.</summary>
internal sealed class DpopProofMaker
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _signing;
    private readonly Dictionary<string, object> _publicJwk;

    private DpopProofMaker(JsonWebKey jwk)
    {
        _signing = new SigningCredentials(jwk, SecurityAlgorithms.EcdsaSha256);
        _publicJwk = new() { ["kty"] = jwk.Kty, ["crv"] = jwk.Crv, ["x"] = jwk.X, ["y"] = jwk.Y };
        Jkt = Base64UrlEncoder.Encode(new JsonWebKey { Kty = jwk.Kty, Crv = jwk.Crv, X = jwk.X, Y = jwk.Y }.ComputeJwkThumbprint());
    }

    public string Jkt { get; }

    public static DpopProofMaker Load(string path) => new(new JsonWebKey(File.ReadAllText(path)));

    public string Make(string method, string url, string? accessToken, DateTimeOffset now) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "dpop+jwt",
            AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = _publicJwk },
            Claims = accessToken is null
                ? new Dictionary<string, object> { ["htm"] = method, ["htu"] = url, ["iat"] = now.ToUnixTimeSeconds(), ["jti"] = Guid.NewGuid().ToString("N") }
                : new Dictionary<string, object>
                {
                    ["htm"] = method, ["htu"] = url, ["iat"] = now.ToUnixTimeSeconds(), ["jti"] = Guid.NewGuid().ToString("N"),
                    ["ath"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))),
                },
            SigningCredentials = _signing,
        });

    /// <summary>
    /// One proof per request, made before the measurement so that signing does not compete with the portal for CPU;
    /// request <c>i</c> uses token <c>i % tokens.Length</c> (<c>ath</c> of it when <paramref name="withAth"/>).
    /// </summary>
    public string[] MakeAll(int count, string method, string url, string[] tokens, bool withAth)
    {
        var proofs = new string[count];
        var now = DateTimeOffset.UtcNow;
        Parallel.For(0, count, i => proofs[i] = Make(method, url, withAth ? tokens[i % tokens.Length] : null, now));
        return proofs;
    }
}
