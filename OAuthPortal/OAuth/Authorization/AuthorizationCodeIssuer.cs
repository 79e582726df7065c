using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>Creates authorization codes, each with the grant it starts (djoauth2 <c>make_success_redirect</c>; RFC 6749 §4.1.2, RFC 7636 §4.4).</summary>
public sealed class AuthorizationCodeIssuer(PortalDbContext db, GrantFamily grants, IOptions<OAuthOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Stores a new single-use code for the signed-in user and returns its value, the only time it exists in plaintext.
    /// The code keeps the request's nonce; its grant keeps the sign-in (auth_time, sid, amr) and the claims request,
    /// which every id_token of the family repeats.
    /// </summary>
    public async Task<string> IssueAsync(ValidatedAuthorizationRequest request, SignedInUser user, CancellationToken cancellationToken = default)
    {
        // RFC 6749 §4.1.3: the token request must repeat redirect_uri only if the authorization request had one.
        var (value, code) = AddCode(request.Client.Id, user.UserId, request.Scopes, request.RedirectUriSent ? request.RedirectUri : null, request.CodeChallenge);
        code.ExpiresAt = code.CreatedAt + Clients.Fapi2SecurityProfile.CodeLifetime(request.Client, options.Value.AuthorizationCodeLifetime);
        code.DpopJkt = request.DpopJkt;
        code.Nonce = request.Oidc.Nonce;
        code.Grant!.AuthTime = user.AuthTime;
        code.Grant.SessionId = user.SessionId;
        code.Grant.AuthenticationMethods = string.Join(' ', user.Methods);
        code.Grant.ClaimsRequest = request.Oidc.Claims.Serialize();
        code.Grant.Resources = Resources.ResolveResourceIndicators.Join(request.Resources);
        await db.SaveChangesAsync(cancellationToken);
        return value;
    }

    /// <summary>
    /// Adds a code and its grant for the caller to save (<see cref="IssueAsync"/>; the benchmark seeder in batches) and
    /// returns the code's value.
    /// </summary>
    public string Add(string clientId, string userId, IReadOnlyList<Scope> scopes, string? redirectUri, string? codeChallenge) =>
        AddCode(clientId, userId, scopes, redirectUri, codeChallenge).Value;

    private (string Value, AuthorizationCode Code) AddCode(string clientId, string userId, IReadOnlyList<Scope> scopes, string? redirectUri, string? codeChallenge)
    {
        var value = TokenGenerator.NewSecret();
        var now = clock.GetUtcNow().UtcDateTime;
        db.Scopes.AttachRange(scopes.Where(s => db.Entry(s).State == Microsoft.EntityFrameworkCore.EntityState.Detached));
        var code = db.AuthorizationCodes.Add(new AuthorizationCode
        {
            CodeHash = SecretHasher.Hash(value),
            ClientId = clientId,
            UserId = userId,
            Grant = grants.Start(GrantKind.AuthorizationCode, clientId, userId, scopes),
            Scopes = scopes.ToList(),
            RedirectUri = redirectUri,
            CodeChallenge = codeChallenge,
            CodeChallengeMethod = codeChallenge is null ? null : RequirePkceForPublicClients.S256,
            CreatedAt = now,
            ExpiresAt = now + options.Value.AuthorizationCodeLifetime,
        }).Entity;
        return (value, code);
    }
}
