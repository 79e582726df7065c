using System.Security.Cryptography;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// The id_token check <see cref="OidcClientTests"/> give OidcClient really checks: a token that the portal's published
/// keys did not sign is refused, even when it names one of their kids and everything else is right.
/// </summary>
public sealed class JwksIdentityTokenValidatorTests
{
    [Fact]
    public async Task JwksIdentityTokenValidator_TokenSignedByAnotherKeyWithAPublishedKid_IsRefused()
    {
        using var portal = KestrelPortal.Start();
        using var http = portal.CreateHttpClient();
        var disco = await http.GetDiscoveryDocumentAsync(portal.Origin);
        Assert.False(disco.IsError, disco.Error);
        var options = new OidcClientOptions
        {
            ClientId = "the-client",
            ProviderInformation = new ProviderInformation
            {
                IssuerName = disco.Issuer, KeySet = disco.KeySet, AuthorizeEndpoint = disco.AuthorizeEndpoint, TokenEndpoint = disco.TokenEndpoint,
            },
        };
        var publishedKid = disco.KeySet!.Keys.First(k => k.Kty == "RSA").Kid;
        using var impostor = RSA.Create(2048);
        var now = DateTime.UtcNow;
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = disco.Issuer,
            Audience = "the-client",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "someone" },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(impostor) { KeyId = publishedKid }, SecurityAlgorithms.RsaSha256),
        });

        var result = await new JwksIdentityTokenValidator().ValidateAsync(forged, options);

        Assert.True(result.IsError);
        Assert.StartsWith("invalid id_token: IDX10511", result.Error); // signature validation failed with the published key
    }
}
