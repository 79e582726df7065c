using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>Creates authorization codes, each with the grant it starts (djoauth2 <c>make_success_redirect</c>; RFC 6749 §4.1.2, RFC 7636 §4.4).</summary>
public sealed class AuthorizationCodeIssuer(PortalDbContext db, GrantFamily grants, IOptions<OAuthOptions> options, TimeProvider clock)
{
    /// <summary>Stores a new single-use code for <paramref name="userId"/> and returns its value, the only time it exists in plaintext.</summary>
    public async Task<string> IssueAsync(ValidatedAuthorizationRequest request, string userId, CancellationToken cancellationToken = default)
    {
        // RFC 6749 §4.1.3: the token request must repeat redirect_uri only if the authorization request had one.
        var code = Add(request.Client.Id, userId, request.Scopes, request.RedirectUriSent ? request.RedirectUri : null, request.CodeChallenge);
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }

    /// <summary>
    /// Adds a code and its grant for the caller to save (<see cref="IssueAsync"/>; the benchmark seeder in batches) and
    /// returns the code's value.
    /// </summary>
    public string Add(string clientId, string userId, IReadOnlyList<Scope> scopes, string? redirectUri, string? codeChallenge)
    {
        var code = TokenGenerator.NewSecret();
        var now = clock.GetUtcNow().UtcDateTime;
        db.Scopes.AttachRange(scopes.Where(s => db.Entry(s).State == Microsoft.EntityFrameworkCore.EntityState.Detached));
        db.AuthorizationCodes.Add(new AuthorizationCode
        {
            CodeHash = SecretHasher.Hash(code),
            ClientId = clientId,
            UserId = userId,
            Grant = grants.Start(GrantKind.AuthorizationCode, clientId, userId, scopes),
            Scopes = scopes.ToList(),
            RedirectUri = redirectUri,
            CodeChallenge = codeChallenge,
            CodeChallengeMethod = codeChallenge is null ? null : RequirePkceForPublicClients.S256,
            CreatedAt = now,
            ExpiresAt = now + options.Value.AuthorizationCodeLifetime,
        });
        return code;
    }
}
