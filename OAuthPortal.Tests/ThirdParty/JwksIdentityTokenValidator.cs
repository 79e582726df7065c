using System.Security.Claims;
using System.Text.Json;
using Duende.IdentityModel;
using Duende.IdentityModel.OidcClient;
using Duende.IdentityModel.OidcClient.Results;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// OidcClient's id_token signature check. OidcClient 7 ships none of its own: without a validator it refuses every
/// id_token ("No IIdentityTokenValidator is configured"); Duende's JWT-handler validator lives in a separate package that
/// this machine's NuGet mirror does not serve. This one does what that one does, with Microsoft.IdentityModel.JsonWebTokens:
/// the signature against the keys OidcClient read from discovery's <c>jwks_uri</c> (<see cref="ProviderInformation.KeySet"/>),
/// one of the policy's algorithms, the issuer from discovery, the audience (the client_id), <c>exp</c> and <c>nbf</c>
/// with OidcClient's clock skew. OidcClient itself then checks <c>nonce</c>, <c>at_hash</c> and <c>sub</c>.
/// </summary>
public sealed class JwksIdentityTokenValidator : IIdentityTokenValidator
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<IdentityTokenValidationResult> ValidateAsync(string identityToken, OidcClientOptions options, CancellationToken cancellationToken = default)
    {
        var provider = options.ProviderInformation;
        var keys = new JsonWebKeySet(JsonSerializer.Serialize(provider.KeySet)) { SkipUnresolvedJsonWebKeys = false }.GetSigningKeys();
        var result = await Handler.ValidateTokenAsync(identityToken, new TokenValidationParameters
        {
            ValidIssuer = provider.IssuerName,
            ValidateIssuer = options.Policy.ValidateTokenIssuerName,
            ValidAudience = options.ClientId,
            IssuerSigningKeys = keys,
            ValidAlgorithms = options.Policy.ValidSignatureAlgorithms,
            RequireSignedTokens = options.Policy.RequireIdentityTokenSignature,
            ClockSkew = options.ClockSkew,
            NameClaimType = JwtClaimTypes.Name,
            RoleClaimType = JwtClaimTypes.Role,
        });
        if (!result.IsValid)
        {
            return new IdentityTokenValidationResult { Error = "invalid id_token: " + result.Exception?.Message };
        }

        return new IdentityTokenValidationResult
        {
            User = new ClaimsPrincipal(result.ClaimsIdentity),
            SignatureAlgorithm = ((JsonWebToken)result.SecurityToken).Alg,
        };
    }
}
