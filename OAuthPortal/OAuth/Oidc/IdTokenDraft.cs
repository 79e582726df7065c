using Microsoft.IdentityModel.Tokens;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>An id_token ready to sign but for <c>at_hash</c>, which needs the access token issued with it.</summary>
public sealed class IdTokenDraft(string issuer, Dictionary<string, object> claims, SigningCredentials credentials)
{
    public string Sign(string accessToken)
    {
        claims[OidcClaimNames.AccessTokenHash] = IdTokenIssuer.AccessTokenHash(accessToken);
        return JwtSigner.Sign(issuer, claims, credentials, tokenType: null);
    }
}
