using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>
/// Signs id_tokens (OpenID Connect Core §§2, 3.1.3.6): <c>iss</c>, <c>sub</c>, <c>aud</c> and <c>azp</c> (the client),
/// <c>exp</c> (OAuth:IdTokenLifetime), <c>iat</c>, and from the grant's sign-in <c>auth_time</c>, <c>sid</c>,
/// <c>amr</c>; <c>nonce</c> when the authorization request sent one (never on a refresh, §12.2); <c>at_hash</c> of the
/// access token it comes with; and the user claims the claims parameter asked to have in it. Prepared before the
/// credential it replaces is spent, signed (<see cref="IdTokenDraft.Sign"/>) once the access token exists.
/// </summary>
public sealed class IdTokenIssuer(PortalDbContext db, JwtSigner signer, IOptions<OAuthOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Everything but the access token's hash, read and fetched before the grant's credential is spent (the grant, the
    /// user, the signing key): whatever could fail fails while the code or refresh token is still valid.
    /// </summary>
    public async Task<IdTokenDraft> PrepareAsync(IdTokenRequest request, CancellationToken cancellationToken)
    {
        var grant = await db.Grants.AsNoTracking().Where(g => g.Id == request.GrantId && g.User != null)
            .Select(g => new { g.AuthTime, g.SessionId, g.AuthenticationMethods, g.ClaimsRequest, g.User })
            .SingleAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var claims = UserClaims.ForIdToken(grant.User!, request.Scopes, RequestedClaims.Deserialize(grant.ClaimsRequest));
        claims[OidcClaimNames.Audience] = request.Client.Id;
        claims[OidcClaimNames.AuthorizedParty] = request.Client.Id;
        claims[OidcClaimNames.IssuedAt] = now.ToUnixTimeSeconds();
        claims[OidcClaimNames.ExpiresAt] = (now + options.Value.IdTokenLifetime).ToUnixTimeSeconds();
        if (grant.AuthTime is { } authTime)
        {
            claims[OidcClaimNames.AuthTime] = new DateTimeOffset(DateTime.SpecifyKind(authTime, DateTimeKind.Utc)).ToUnixTimeSeconds();
        }

        if (grant.SessionId is { } sessionId)
        {
            claims[OidcClaimNames.SessionId] = sessionId;
        }

        if (grant.AuthenticationMethods?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } methods)
        {
            claims[OidcClaimNames.AuthenticationMethods] = methods;
        }

        if (request.Nonce is { } nonce)
        {
            claims[OidcClaimNames.Nonce] = nonce;
        }

        return new IdTokenDraft(request.Issuer, claims, await signer.CredentialsAsync(
            Clients.Fapi2SecurityProfile.IdTokenAlgorithm(request.Client.Profile, request.Client.IdTokenSignedResponseAlg), cancellationToken));
    }

    /// <summary>Core §3.1.3.6: the left half of the SHA-256 of the access token's ASCII, base64url (both algorithms hash with SHA-256).</summary>
    public static string AccessTokenHash(string accessToken)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        return Base64UrlEncoder.Encode(hash, 0, hash.Length / 2);
    }
}
