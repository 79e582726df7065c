using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>Creates authorization codes (djoauth2 <c>make_success_redirect</c>; RFC 6749 §4.1.2, RFC 7636 §4.4).</summary>
public sealed class AuthorizationCodeIssuer(PortalDbContext db, IOptions<OAuthOptions> options, TimeProvider clock)
{
    /// <summary>Stores a new single-use code for <paramref name="userId"/> and returns its value, the only time it exists in plaintext.</summary>
    public async Task<string> IssueAsync(ValidatedAuthorizationRequest request, string userId, CancellationToken cancellationToken = default)
    {
        var code = TokenGenerator.NewSecret();
        var now = clock.GetUtcNow().UtcDateTime;
        db.Scopes.AttachRange(request.Scopes);
        db.AuthorizationCodes.Add(new AuthorizationCode
        {
            CodeHash = SecretHasher.Hash(code),
            ClientId = request.Client.Id,
            UserId = userId,
            Scopes = request.Scopes.ToList(),
            // RFC 6749 §4.1.3: the token request must repeat redirect_uri only if the authorization request had one.
            RedirectUri = request.RedirectUriSent ? request.RedirectUri : null,
            CodeChallenge = request.CodeChallenge,
            CodeChallengeMethod = request.CodeChallenge is null ? null : Pkce.S256,
            CreatedAt = now,
            ExpiresAt = now + options.Value.AuthorizationCodeLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }
}
