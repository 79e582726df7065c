namespace OAuthPortal.Data;

/// <summary>How a <see cref="Grant"/> came to be: which grant type started the family.</summary>
public enum GrantKind
{
    /// <summary>A user approved an authorization request; its code was (or will be) exchanged at the token endpoint (RFC 6749 §4.1).</summary>
    AuthorizationCode,

    /// <summary>A client asked for a token for itself, with no user (RFC 6749 §4.4).</summary>
    ClientCredentials,

    /// <summary>A device asked for sign-in and a user approved it on another screen (RFC 8628); no user until then.</summary>
    DeviceCode,
}
