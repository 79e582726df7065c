namespace OAuthPortal.Data;

/// <summary>How a <see cref="Grant"/> came to be: which grant type started the family.</summary>
public enum GrantKind
{
    /// <summary>A user approved an authorization request; its code was (or will be) exchanged at the token endpoint (RFC 6749 §4.1).</summary>
    AuthorizationCode,
}
