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

    /// <summary>The credentials that sign for <paramref name="algorithm"/> now (RS256 for anything else).</summary>
    public ValueTask<SigningCredentials> CredentialsAsync(string? algorithm, CancellationToken cancellationToken) =>
        keys.GetSigningCredentialsAsync(SigningAlgorithms.IsSupported(algorithm) ? algorithm! : SigningAlgorithms.RS256, cancellationToken);

    public async Task<string> SignAsync(string issuer, IDictionary<string, object> claims, string? algorithm, string? tokenType, CancellationToken cancellationToken) =>
        Sign(issuer, claims, await CredentialsAsync(algorithm, cancellationToken), tokenType);

    /// <summary>Signs with credentials fetched earlier: CPU only, nothing that waits or reads the database.</summary>
    public static string Sign(string issuer, IDictionary<string, object> claims, SigningCredentials credentials, string? tokenType)
    {
        var descriptor = new SecurityTokenDescriptor { Issuer = issuer, Claims = claims, SigningCredentials = credentials };
        if (tokenType is not null)
        {
            descriptor.TokenType = tokenType;
        }

        return Handler.CreateToken(descriptor);
    }
}
