using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.OAuth.Dpop;

/// <summary>
/// RFC 9449 §4.3, in its order: one well-formed JWT; <c>typ</c> <c>dpop+jwt</c>; an asymmetric <c>alg</c> the portal
/// supports; a public <c>jwk</c> in the header (no private parts); the signature by that key; <c>htm</c> and
/// <c>htu</c> of this request (the URL compared without query and fragment, scheme and host case-insensitively,
/// default ports dropped); a fresh <c>iat</c>; a <c>jti</c>; a current server nonce when <c>OAuth:Dpop:RequireNonce</c>
/// is on (§9, <see cref="DpopNonces"/>); and at a resource, <c>ath</c>.
/// Built on Microsoft.IdentityModel.JsonWebTokens; nothing here reads the database.
/// </summary>
public sealed class DpopProofValidator(IOptions<OAuthOptions> options, DpopNonces nonces) : IDpopProofValidator
{
    public const string ProofType = "dpop+jwt";

    /// <summary>The algorithms accepted (RFC 9449 §5.1 <c>dpop_signing_alg_values_supported</c>).</summary>
    public static readonly IReadOnlyList<string> Algorithms =
        [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSha256, Ed25519Jwk.Algorithm];

    /// <summary>The algorithms Microsoft.IdentityModel verifies; EdDSA is verified by <see cref="Ed25519Jwk"/>.</summary>
    private static readonly string[] LibraryAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSha256];

    /// <summary>A proof is a short JWT; anything this long is not one (and is not parsed).</summary>
    public const int MaxProofLength = 8 * 1024;

    private const int MaxJtiLength = 256;
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "k", "oth"];
    private static readonly JsonWebTokenHandler Handler = new();

    public async Task<OAuthResult<DpopProof>> ValidateAsync(string proof, DpopProofRequest request, DateTime now)
    {
        if (proof.Length > MaxProofLength || !Handler.CanReadToken(proof))
        {
            return Invalid("The DPoP proof is not a JWT.");
        }

        JsonWebToken token;
        try
        {
            token = new JsonWebToken(proof);
        }
        catch (ArgumentException)
        {
            return Invalid("The DPoP proof is not a JWT.");
        }

        if (!token.TryGetHeaderValue<string>(JwtHeaderParameterNames.Typ, out var type) || type != ProofType)
        {
            return Invalid($"The DPoP proof's typ must be {ProofType}.");
        }

        if (!Algorithms.Contains(token.Alg))
        {
            return Invalid($"The DPoP proof's alg must be one of {string.Join(", ", Algorithms)}.");
        }

        if (PublicKeyOf(token) is not { } key)
        {
            return Invalid("The DPoP proof's header must carry its public key (jwk): RSA of 2048 bits or more, EC P-256 or Ed25519, and nothing private.");
        }

        var ed25519 = Ed25519Jwk.PublicKeyOf(key);
        if ((token.Alg == Ed25519Jwk.Algorithm) != (ed25519 is not null))
        {
            return Invalid("The DPoP proof's alg does not fit its jwk (EdDSA goes with an Ed25519 OKP key, the others with RSA or EC keys).");
        }

        if (!(ed25519 is not null ? Ed25519Jwk.Verifies(token, ed25519) : await VerifiesAsync(token, key)))
        {
            return Invalid("The DPoP proof's signature does not verify with its jwk.");
        }

        return CheckClaims(token, request, now) is { } claimsError
            ? claimsError
            : OAuthResult<DpopProof>.Success(new DpopProof(
                ed25519 is not null ? Ed25519Jwk.Thumbprint(ed25519) : Thumbprint(key), token.Id, token.IssuedAt, token.Alg));
    }

    private static async Task<bool> VerifiesAsync(JsonWebToken token, JsonWebKey key) =>
        (await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = key, ValidateIssuer = false, ValidateAudience = false, ValidateLifetime = false,
            RequireExpirationTime = false, ValidAlgorithms = LibraryAlgorithms, ValidTypes = [ProofType],
        })).IsValid;

    private OAuthError? CheckClaims(JsonWebToken token, DpopProofRequest request, DateTime now)
    {
        var settings = options.Value.Dpop;
        if (!token.TryGetPayloadValue<string>("htm", out var method) || method != request.Method)
        {
            return Invalid($"The DPoP proof's htm must be {request.Method}.");
        }

        if (!token.TryGetPayloadValue<string>("htu", out var url) || !SameUrl(url, request.Url))
        {
            return Invalid("The DPoP proof's htu must be this request's URL (without query and fragment).");
        }

        if (!token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out _) ||
            token.IssuedAt < now - settings.ProofLifetime || token.IssuedAt > now + settings.ClockSkew)
        {
            return Invalid($"The DPoP proof's iat must be within {(long)settings.ProofLifetime.TotalSeconds} seconds of the server's time.");
        }

        if (string.IsNullOrEmpty(token.Id) || token.Id.Length > MaxJtiLength)
        {
            return Invalid($"The DPoP proof needs a jti (at most {MaxJtiLength} characters).");
        }

        if (nonces.Required && !(token.TryGetPayloadValue<string>("nonce", out var nonce) && nonces.IsCurrent(nonce)))
        {
            return new OAuthError(OAuthErrorCodes.UseDpopNonce, DpopNonces.MissingDescription);
        }

        if (request.AccessToken is { } accessToken &&
            (!token.TryGetPayloadValue<string>("ath", out var ath) || ath != AccessTokenHash(accessToken)))
        {
            return Invalid("The DPoP proof's ath must be the hash of the access token it is sent with.");
        }

        return null;
    }

    /// <summary>RFC 9449 §4.2 <c>ath</c>: base64url of the SHA-256 of the access token's ASCII.</summary>
    public static string AccessTokenHash(string accessToken) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));

    /// <summary>RFC 7638: what a token is bound to (<c>cnf.jkt</c>).</summary>
    public static string Thumbprint(JsonWebKey key) => Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());

    /// <summary>
    /// The header's jwk when it is a public RSA (2048 bits or more), EC P-256 or Ed25519 key with nothing private, rebuilt
    /// from the members its thumbprint covers (<see cref="PublicSignatureKeys"/>): the key the signature is checked with is
    /// the key the token is bound to.
    /// </summary>
    private static JsonWebKey? PublicKeyOf(JsonWebToken token)
    {
        if (!token.TryGetHeaderValue<JsonElement>(JwtHeaderParameterNames.Jwk, out var jwk) || jwk.ValueKind != JsonValueKind.Object ||
            PrivateMembers.Any(member => jwk.TryGetProperty(member, out _)))
        {
            return null;
        }

        try
        {
            var key = new JsonWebKey(jwk.GetRawText());
            return Ed25519Jwk.PublicKeyOf(key) is { } x
                ? new JsonWebKey { Kty = Ed25519Jwk.KeyType, Crv = Ed25519Jwk.Curve, X = Base64UrlEncoder.Encode(x) }
                : PublicSignatureKeys.Rebuild(key, keepSelectors: false);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>RFC 9449 §4.3 item 9 and RFC 3986 §6.2: the same URL without query and fragment, syntax-normalized.</summary>
    private static bool SameUrl(string sent, string expected) =>
        Uri.TryCreate(sent, UriKind.Absolute, out var a) && Uri.TryCreate(expected, UriKind.Absolute, out var b) &&
        Uri.Compare(a, b, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0 &&
        a.AbsolutePath == b.AbsolutePath;

    private static OAuthError Invalid(string description) => new(OAuthErrorCodes.InvalidDpopProof, description);
}
