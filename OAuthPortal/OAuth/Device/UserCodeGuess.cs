namespace OAuthPortal.OAuth.Device;

/// <summary>
/// What became of a user code typed on the device page (<see cref="LimitUserCodeGuesses"/>): right (the check found a
/// waiting request, or answered it), wrong, or refused because of too many wrong codes (until <see cref="LockedUntil"/>).
/// A wrong code that reached a limit is wrong <em>and</em> locked out.
/// </summary>
public sealed record UserCodeGuess(bool Right, DateTime? LockedUntil)
{
    public bool LockedOut => LockedUntil is not null;
}
