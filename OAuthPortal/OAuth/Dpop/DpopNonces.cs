using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OAuthPortal.OAuth.Dpop;

/// <summary>
/// Server-provided DPoP nonces (RFC 9449 §§8, 9), stateless so that any instance accepts what another issued: a nonce
/// is the time it was made, protected (encrypted and authenticated) with Data Protection, whose key ring the instances
/// share. It is current for <c>OAuth:Dpop:NonceLifetime</c>; nothing is stored. A nonce is not single use (RFC 9449
/// §8: it limits how long a pre-made proof is good for; the proof's jti is what is single use).
/// </summary>
public sealed class DpopNonces(IDataProtectionProvider dataProtection, IOptions<OAuthOptions> options, TimeProvider clock)
{
    public const string HeaderName = "DPoP-Nonce";

    private readonly IDataProtector protector = dataProtection.CreateProtector("OAuthPortal.Dpop.Nonce.v1");

    public const string MissingDescription = "The DPoP proof must carry a current server nonce: use the one in the DPoP-Nonce header.";

    /// <summary>Whether proofs must carry a nonce (<c>OAuth:Dpop:RequireNonce</c>).</summary>
    public bool Required => options.Value.Dpop.RequireNonce;

    /// <summary>A new nonce: base64url, which is within RFC 9449 §8.1's NQCHAR.</summary>
    public string Issue()
    {
        Span<byte> time = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(time, clock.GetUtcNow().ToUnixTimeSeconds());
        return Base64UrlEncoder.Encode(protector.Protect(time.ToArray()));
    }

    /// <summary>
    /// Whether a proof (not yet validated: only its <c>nonce</c> claim is read) carries a current nonce; a proof that is
    /// not a JWT answers true, its validation will say what is wrong with it.
    /// </summary>
    public bool IsCurrentIn(string proof)
    {
        if (proof.Length > DpopProofValidator.MaxProofLength)
        {
            return true;
        }

        try
        {
            return IsCurrent(new JsonWebToken(proof).TryGetPayloadValue<string>("nonce", out var nonce) ? nonce : null);
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>Whether <paramref name="nonce"/> was issued by this cluster and is still current.</summary>
    public bool IsCurrent(string? nonce)
    {
        if (nonce is not { Length: > 0 and <= 512 })
        {
            return false;
        }

        byte[] time;
        try
        {
            time = protector.Unprotect(Base64UrlEncoder.DecodeBytes(nonce));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return false;
        }

        if (time.Length != sizeof(long))
        {
            return false;
        }

        var age = clock.GetUtcNow().ToUnixTimeSeconds() - BinaryPrimitives.ReadInt64BigEndian(time);
        var settings = options.Value.Dpop;
        return age >= -(long)settings.ClockSkew.TotalSeconds && age <= (long)settings.NonceLifetime.TotalSeconds;
    }
}
