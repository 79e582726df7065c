using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using OAuthPortal.Data;

namespace OAuthPortal.Identity;

/// <summary>
/// Password sign-in that answers every e-mail address alike, so the login form cannot tell which addresses have an
/// account: the same work (exactly one password hash, against a dummy hash when there is no account), the same
/// counting (<see cref="SignInThrottle"/>, before the hash), the same answers. An account that must first confirm its
/// address is answered as a wrong password too (<see cref="SignInResult.NotAllowed"/> tells the caller to re-send the
/// link quietly): whoever registered an address chose its password, so "confirm first" would tell them it was new.
/// Only an admin's lock is shown to the right password. Identity's own per-account lockout is not used: it let anyone
/// lock any account by guessing, and it answered differently for addresses without an account.
/// </summary>
public sealed class PasswordSignIn(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, SignInThrottle throttle, SignInAudit audit)
{
    private static string? _dummyHash;

    /// <summary>
    /// Failed (also for no account), NotAllowed (the right password of an unconfirmed account; answer it as Failed),
    /// LockedOut (too many attempts, or an admin's lock and the right password), RequiresTwoFactor or Succeeded.
    /// </summary>
    public async Task<SignInResult> SignInAsync(
        string email, string password, bool persistent, IPAddress? source, bool trustedDevice, CancellationToken cancellationToken = default)
    {
        if (!await throttle.TryBeginAsync(email, source, trustedDevice, cancellationToken))
        {
            await audit.FailedAsync(await users.FindByEmailAsync(email), email, "refused: too many wrong passwords, still locked out");
            return SignInResult.LockedOut;
        }

        var user = await users.FindByEmailAsync(email);
        if (user?.PasswordHash is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            // No account (or none with a password), or one refused even with the right password: hash all the same.
            var right = VerifyPassword(user, password);
            if (right && await users.IsLockedOutAsync(user!))
            {
                await throttle.SucceededAsync(email, source, cancellationToken);
                await audit.FailedAsync(user, email, "refused: the account is locked");
                return SignInResult.LockedOut;
            }

            if (await WrongPasswordAsync(user, email, source, trustedDevice, right ? "right password, e-mail address not confirmed" : "wrong password", cancellationToken))
            {
                return SignInResult.LockedOut;
            }

            return right ? SignInResult.NotAllowed : SignInResult.Failed;
        }

        var result = await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: false);
        if (result is { Succeeded: false, RequiresTwoFactor: false, IsLockedOut: false, IsNotAllowed: false })
        {
            return await WrongPasswordAsync(user, email, source, trustedDevice, "wrong password", cancellationToken) ? SignInResult.LockedOut : SignInResult.Failed;
        }

        await throttle.SucceededAsync(email, source, cancellationToken);
        return result;
    }

    /// <summary>
    /// Checks a signed-in user's password before something irreversible (deleting the account): wrong passwords count
    /// as at sign-in (from this source; the session shows this is the user's browser), so a stolen session cannot guess freely.
    /// </summary>
    public async Task<PasswordCheck> CheckAsync(PortalUser user, string password, IPAddress? source, CancellationToken cancellationToken = default)
    {
        var email = user.Email ?? "";
        if (!await throttle.TryBeginAsync(email, source, trustedDevice: true, cancellationToken))
        {
            return PasswordCheck.LockedOut;
        }

        if (!VerifyPassword(user, password))
        {
            return await throttle.FailedAsync(email, source, trustedDevice: true, cancellationToken) ? PasswordCheck.LockedOut : PasswordCheck.Wrong;
        }

        await throttle.SucceededAsync(email, source, cancellationToken);
        return PasswordCheck.Correct;
    }

    /// <summary>Until when a locked-out sign-in (<see cref="SignInAsync"/>) stays refused; null for an admin's lock or none.</summary>
    public Task<DateTime?> LockedUntilAsync(string email, IPAddress? source, bool trustedDevice, CancellationToken cancellationToken = default) =>
        throttle.LockedUntilAsync(email, source, trustedDevice, cancellationToken);

    /// <summary>Counts a failed attempt and audits it (and the lockout it causes). True when sign-in is now locked out.</summary>
    private async Task<bool> WrongPasswordAsync(PortalUser? user, string email, IPAddress? source, bool trustedDevice, string reason, CancellationToken cancellationToken)
    {
        var locked = await throttle.FailedAsync(email, source, trustedDevice, cancellationToken);
        await audit.FailedAsync(user, email, reason);
        if (locked)
        {
            await audit.LockedOutAsync(user, email, "too many wrong passwords");
        }

        return locked;
    }

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
