using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OAuthPortal.OAuth.Oidc.Keys;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>
/// Reads an <c>id_token_hint</c> (OpenID Connect Core §3.1.2.1, RP-Initiated Logout §2): an id_token this portal
/// issued, signed by a key of the ring and naming this issuer; expired ones count too (the hint is often sent after
/// the token's short life). A logout token is not an id_token. Null for anything else.
/// </summary>
public sealed class IdTokenHintReader(SigningKeyRing keys)
{
    /// <summary>No id_token is this long; longer hints are not parsed.</summary>
    public const int MaxLength = 8192;

    private static readonly JsonWebTokenHandler Handler = new();

    public async Task<IdTokenHint?> ReadAsync(string? hint, string issuer, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(hint) || hint.Length > MaxLength)
        {
            return null;
        }

        var result = await Handler.ValidateTokenAsync(hint, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidateAudience = false,
            ValidateLifetime = false,
            IssuerSigningKeys = await keys.GetPublishedKeysAsync(cancellationToken),
            ValidAlgorithms = SigningAlgorithms.All,
            TryAllIssuerSigningKeys = false,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token || token.TryGetPayloadValue<object>(OidcClaimNames.Events, out _) ||
            string.IsNullOrEmpty(token.Subject))
        {
            return null;
        }

        var sessionId = token.TryGetPayloadValue<string>(OidcClaimNames.SessionId, out var sid) ? sid : null;
        return new IdTokenHint(token.Subject, token.Audiences.ToList(), sessionId);
    }
}
