namespace OAuthPortal.Identity;

/// <summary>The outcome of <see cref="PasswordSignIn.CheckAsync"/>.</summary>
public enum PasswordCheck
{
    Correct,
    Wrong,
    /// <summary>Too many wrong passwords: refused without looking at this one.</summary>
    LockedOut,
}
