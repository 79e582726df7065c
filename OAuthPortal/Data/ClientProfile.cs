namespace OAuthPortal.Data;

/// <summary>A security profile the portal enforces for a client, on top of its own settings.</summary>
public enum ClientProfile
{
    /// <summary>The client's own settings only.</summary>
    None,

    /// <summary>FAPI 2.0 Security Profile: PAR, PKCE S256, DPoP, private_key_jwt, short codes, refresh rotation.</summary>
    Fapi2,
}
