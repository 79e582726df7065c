namespace OAuthPortal.Data;

/// <summary>A single-use authorization code (djoauth2 <c>models.AuthorizationCode</c>, RFC 6749 §4.1.2).</summary>
public sealed class AuthorizationCode : IGrantMember
{
    public const int MaxCodeChallengeLength = 128;
    public const int MaxNonceLength = 512;

    public long Id { get; set; }

    /// <summary>SHA-256 of the code value; the value itself is returned once, in the redirect.</summary>
    public byte[] CodeHash { get; set; } = [];

    public string ClientId { get; set; } = "";
    public Client? Client { get; set; }

    public string UserId { get; set; } = "";
    public PortalUser? User { get; set; }

    /// <summary>The grant the user's approval created; the tokens the code is exchanged for belong to it.</summary>
    public long GrantId { get; set; }
    public Grant? Grant { get; set; }

    public List<Scope> Scopes { get; set; } = [];

    /// <summary>The redirect_uri, stored only when the authorization request carried one (RFC 6749 §4.1.3).</summary>
    public string? RedirectUri { get; set; }

    /// <summary>RFC 7636 code challenge, or null when the request had none.</summary>
    public string? CodeChallenge { get; set; }
    public string? CodeChallengeMethod { get; set; }

    /// <summary>The OpenID Connect <c>nonce</c> of the request, returned in the id_token; null when none was sent.</summary>
    public string? Nonce { get; set; }

    /// <summary>RFC 9449 §10 <c>dpop_jkt</c> of the authorization request: the code is redeemed only with a proof of that key.</summary>
    public string? DpopJkt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>Set, once and atomically, when the code is exchanged for a token.</summary>
    public DateTime? ConsumedAt { get; set; }
}
