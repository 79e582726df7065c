namespace OAuthPortal.Management.Registration;

/// <summary>Where an initial access token stands, as its owner's list shows it (the first that applies, in this order).</summary>
public enum RegistrationTokenStatus
{
    Revoked,
    UsedUp,
    Expired,
    Active,
}
