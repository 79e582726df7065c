using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OAuthPortal.OAuth.Oidc.Keys;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>
/// Signs the JWTs the portal issues (id_tokens, logout tokens) with the ring's active key of the client's algorithm
/// (RS256 unless the client chose ES256), <c>kid</c> in the header. The caller sets every time claim itself.
/// </summary>
public sealed class JwtSigner(SigningKeyRing keys)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public async Task<string> SignAsync(string issuer, IDictionary<string, object> claims, string? algorithm, string? tokenType, CancellationToken cancellationToken)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Claims = claims,
            SigningCredentials = await keys.GetSigningCredentialsAsync(SigningAlgorithms.IsSupported(algorithm) ? algorithm! : SigningAlgorithms.RS256, cancellationToken),
        };
        if (tokenType is not null)
        {
            descriptor.TokenType = tokenType;
        }

        return Handler.CreateToken(descriptor);
    }
}
