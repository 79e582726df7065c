namespace OAuthPortal.Identity;

/// <summary>How a passkey sign-in ended; <see cref="PasskeySignIn.Describe"/> says it to the user.</summary>
public enum PasskeySignInOutcome
{
    SignedIn,
    /// <summary>The person cancelled the browser's dialog, or it timed out.</summary>
    Cancelled,
    /// <summary>The browser cannot use passkeys here (no WebAuthn, or an address such as an IP literal).</summary>
    Unsupported,
    /// <summary>No ceremony underway: the short-lived challenge cookie expired or was replaced.</summary>
    Expired,
    /// <summary>The passkey is not (or no longer) registered with the portal.</summary>
    UnknownPasskey,
    /// <summary>The browser signed for another site address than the portal's.</summary>
    WrongOrigin,
    /// <summary>The signature or its data did not check out.</summary>
    NotVerified,
    /// <summary>The account is locked.</summary>
    LockedOut,
    /// <summary>The account may not sign in yet (its e-mail address is not confirmed).</summary>
    NotAllowed,
}
