using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using OAuthPortal.Data;

namespace OAuthPortal.Identity;

/// <summary>
/// Password sign-in that answers every e-mail address alike, so the login form cannot tell which addresses have an
/// account: the same work (exactly one password hash, against a dummy hash when there is no account), the same
/// counting of failures (<see cref="SignInThrottle"/>), the same answers. Only the right password learns more (that the
/// account is locked, or must be confirmed first). Identity's own per-account lockout is not used here: it let anyone
/// lock any account by guessing, and it answered differently for addresses without an account.
/// </summary>
public sealed class PasswordSignIn(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, SignInThrottle throttle)
{
    private static string? _dummyHash;

    public async Task<SignInResult> SignInAsync(string email, string password, bool persistent, IPAddress? source, CancellationToken cancellationToken = default)
    {
        if (await throttle.LockedUntilAsync(email, source, cancellationToken) is not null)
        {
            return SignInResult.LockedOut;
        }

        var user = await users.FindByEmailAsync(email);
        if (user?.PasswordHash is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            // No account (or none with a password), or one that is refused once the password is right: hash all the same.
            if (!VerifyPassword(user, password))
            {
                return await FailedAsync(email, source, cancellationToken);
            }

            await throttle.ResetAsync(email, source, cancellationToken);
            return await users.IsLockedOutAsync(user!) ? SignInResult.LockedOut : SignInResult.NotAllowed;
        }

        var result = await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: false);
        if (result is { Succeeded: false, RequiresTwoFactor: false, IsLockedOut: false, IsNotAllowed: false })
        {
            return await FailedAsync(email, source, cancellationToken);
        }

        await throttle.ResetAsync(email, source, cancellationToken);
        return result;
    }

    /// <summary>
    /// Checks a signed-in user's password before something irreversible (deleting the account): wrong passwords count
    /// as at sign-in, so a stolen session cannot guess freely.
    /// </summary>
    public async Task<PasswordCheck> CheckAsync(PortalUser user, string password, IPAddress? source, CancellationToken cancellationToken = default)
    {
        var email = user.Email ?? "";
        if (await throttle.LockedUntilAsync(email, source, cancellationToken) is not null)
        {
            return PasswordCheck.LockedOut;
        }

        if (!VerifyPassword(user, password))
        {
            return await throttle.RecordFailureAsync(email, source, cancellationToken) is null ? PasswordCheck.Wrong : PasswordCheck.LockedOut;
        }

        await throttle.ResetAsync(email, source, cancellationToken);
        return PasswordCheck.Correct;
    }

    private async Task<SignInResult> FailedAsync(string email, IPAddress? source, CancellationToken cancellationToken) =>
        await throttle.RecordFailureAsync(email, source, cancellationToken) is null ? SignInResult.Failed : SignInResult.LockedOut;

    /// <summary>One password hash whatever the account: the user's, or a dummy one with the same cost.</summary>
    private bool VerifyPassword(PortalUser? user, string password)
    {
        if (user?.PasswordHash is { } hash)
        {
            return users.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;
        }

        var dummy = _dummyHash ??= users.PasswordHasher.HashPassword(new PortalUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        users.PasswordHasher.VerifyHashedPassword(new PortalUser(), dummy, password);
        return false;
    }
}
