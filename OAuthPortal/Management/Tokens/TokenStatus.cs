namespace OAuthPortal.Management.Tokens;

/// <summary>Where a token stands: usable, past its lifetimes, or revoked.</summary>
public enum TokenStatus
{
    Active,
    Expired,
    Revoked,
}
