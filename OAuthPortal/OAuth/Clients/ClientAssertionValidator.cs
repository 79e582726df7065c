using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// <c>private_key_jwt</c> (RFC 7523 §§2.2, 3; OpenID Connect Core §9): the client_assertion must be a JWT signed with
/// RS256, PS256 or ES256 by one of the client's registered keys, with <c>iss</c> = <c>sub</c> = client_id, an
/// <c>aud</c> naming this server (its issuer identifier, its token endpoint, or the endpoint called), an <c>exp</c> at
/// most <see cref="MaxLifetime"/> ahead, <c>nbf</c> and <c>iat</c> not in the future, and a <c>jti</c> used once: the
/// first use inserts a <see cref="UsedJwtId"/> row, so a replay fails on any instance.
/// </summary>
public sealed class ClientAssertionValidator(OneTimeJwtIds jwtIds, ClientJwks jwks, TimeProvider clock)
{
    /// <summary>The JWS algorithms accepted (RFC 8414 <c>token_endpoint_auth_signing_alg_values_supported</c>). No EdDSA: .NET has no Ed25519.</summary>
    public static readonly IReadOnlyList<string> Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>How far ahead an assertion may expire: it is made for one request.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The clock difference forgiven between the client and the portal.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private static readonly JsonWebTokenHandler Handler = new() { MaximumTokenSizeInBytes = 8 * 1024 };

    /// <summary>The client_id an assertion claims (<c>sub</c>, RFC 7523 §3 item 2), unverified; null when it is not a JWT.</summary>
    public static string? ClaimedClientId(string assertion)
    {
        if (assertion.Length > Handler.MaximumTokenSizeInBytes || !Handler.CanReadToken(assertion))
        {
            return null;
        }

        try
        {
            return new JsonWebToken(assertion).TryGetPayloadValue<string>(JwtRegisteredClaimNames.Sub, out var sub) ? sub : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <param name="audiences">What <c>aud</c> may name: the issuer identifier and endpoint URLs.</param>
    public async Task<ClientAuthenticationFailure?> ValidateAsync(
        Client client, string assertion, IReadOnlyCollection<string> audiences, CancellationToken cancellationToken)
    {
        JsonWebToken token;
        try
        {
            token = new JsonWebToken(assertion);
        }
        catch (ArgumentException)
        {
            return ClientAuthenticationFailure.AssertionSignatureInvalid;
        }

        if (!Fapi2SecurityProfile.AllowsAlgorithm(client, token.Alg))
        {
            return ClientAuthenticationFailure.ProfileForbidsAlgorithm;
        }

        var keys = await jwks.GetAsync(client, token.Kid is { Length: > 0 } kid ? kid : null, cancellationToken);
        if (keys is null || keys.Count == 0)
        {
            return ClientAuthenticationFailure.KeysUnavailable;
        }

        // The library checks the signature and the algorithm only; every claim is checked below, each with its own failure.
        var result = await Handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            IssuerSigningKeys = keys,
            ValidAlgorithms = Algorithms,
            TryAllIssuerSigningKeys = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        if (!result.IsValid)
        {
            return ClientAuthenticationFailure.AssertionSignatureInvalid;
        }

        if (token.Issuer != client.Id || token.Subject != client.Id || !token.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Jti, out var jti) ||
            string.IsNullOrEmpty(jti) || !token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp))
        {
            return ClientAuthenticationFailure.AssertionClaimsInvalid;
        }

        if (!token.Audiences.Any(audiences.Contains))
        {
            return ClientAuthenticationFailure.AssertionWrongAudience;
        }

        var now = clock.GetUtcNow();
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(exp, 0, 253402300799));
        if (expiresAt + ClockSkew <= now || expiresAt > now + MaxLifetime + ClockSkew ||
            (token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out var nbf) && DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(nbf, 0, 253402300799)) > now + ClockSkew) ||
            (token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out var iat) && (iat > now.ToUnixTimeSeconds() + (long)ClockSkew.TotalSeconds ||
                exp - iat > (long)MaxLifetime.TotalSeconds)))
        {
            return ClientAuthenticationFailure.AssertionExpired;
        }

        // Kept until the assertion could no longer be accepted anyway (exp plus the skew), then pruned.
        return await jwtIds.TryUseAsync(JtiKind, client.Id, jti, (expiresAt + ClockSkew).UtcDateTime, cancellationToken)
            ? null
            : ClientAuthenticationFailure.AssertionReplayed;
    }

    /// <summary>What its jti is recorded under (<see cref="OneTimeJwtIds"/>), with the client_id.</summary>
    public const string JtiKind = "client-assertion";
}
