using System.Buffers.Text;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.Identity;

/// <summary>
/// Sign-in with a passkey (discoverable credentials: the browser offers the user's passkeys for this site, so the
/// portal never says which e-mail addresses have one). Identity checks the signature against the challenge it issued
/// (<see cref="RequestOptionsAsync"/>); this class then applies the portal's rules: a locked account (an admin's lock)
/// or one that must confirm its address first is refused as with a password, the sign-in goes through
/// <see cref="SignInManager{TUser}.SignInWithClaimsAsync(TUser, bool, IEnumerable{Claim})"/> like every other (the
/// session cookie, the sign-in audit), and its <c>amr</c> is <c>pop</c> (plus <c>mfa</c> when the authenticator verified
/// the user), not Identity's <c>pwd</c>. The password-guessing throttle does not apply (a passkey cannot be guessed), but
/// the browser is remembered like after a right password, so that guesses elsewhere cannot lock it out.
/// </summary>
public sealed class PasskeySignIn(
    SignInManager<PortalUser> signIn, UserManager<PortalUser> users, TrustedDevices devices, PortalMetrics metrics, IOptions<OAuthOptions> oauth)
{
    /// <summary>The options for <c>navigator.credentials.get()</c> (JSON), for any account; the challenge is kept in a short-lived cookie.</summary>
    public Task<string> RequestOptionsAsync() => signIn.MakePasskeyRequestOptionsAsync(null);

    /// <param name="credentialJson">What <c>navigator.credentials.get()</c> returned, as JSON.</param>
    /// <param name="browserError">The DOMException name when the browser's ceremony failed (then there is no credential).</param>
    public async Task<PasskeySignInOutcome> SignInAsync(HttpContext http, string? credentialJson, string? browserError)
    {
        if (string.IsNullOrWhiteSpace(credentialJson))
        {
            return Failed(browserError switch
            {
                "NotAllowedError" or "AbortError" or null or "" => PasskeySignInOutcome.Cancelled,
                "SecurityError" => PasskeySignInOutcome.WrongOrigin,
                _ => PasskeySignInOutcome.Unsupported,
            });
        }

        PasskeyAssertionResult<PortalUser> assertion;
        try
        {
            assertion = await signIn.PerformPasskeyAssertionAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            return Failed(PasskeySignInOutcome.Expired);
        }
        catch (Exception e) when (e is JsonException or FormatException or PasskeyException)
        {
            return Failed(PasskeySignInOutcome.NotVerified);
        }

        if (!assertion.Succeeded)
        {
            return Failed(await ExplainAsync(http, credentialJson));
        }

        var user = assertion.User;
        if (!await signIn.CanSignInAsync(user))
        {
            return Failed(PasskeySignInOutcome.NotAllowed);
        }

        if (await users.IsLockedOutAsync(user))
        {
            metrics.SignInFailed(PortalMetrics.LockedOut);
            return PasskeySignInOutcome.LockedOut;
        }

        await users.AddOrUpdatePasskeyAsync(user, assertion.Passkey); // the signature counter and backup flags move on
        List<Claim> methods = [new(SignedInUser.MethodClaimType, OidcClaimNames.MethodProofOfPossession)];
        if (assertion.Passkey.IsUserVerified)
        {
            methods.Add(new(SignedInUser.MethodClaimType, OidcClaimNames.MethodMultiFactor));
        }

        await signIn.SignInWithClaimsAsync(user, isPersistent: false, methods);
        if (user.Email is { } email)
        {
            devices.Remember(http, email);
        }

        return PasskeySignInOutcome.SignedIn;
    }

    public static string Describe(PasskeySignInOutcome outcome) => outcome switch
    {
        PasskeySignInOutcome.Cancelled => "The passkey sign-in was cancelled or timed out. Try again, or log in with your password.",
        PasskeySignInOutcome.Unsupported => "This browser cannot use a passkey here. Log in with your password.",
        PasskeySignInOutcome.Expired => "The passkey sign-in took too long or was replaced by a newer one: try again.",
        PasskeySignInOutcome.UnknownPasskey => "That passkey is not registered with this portal (it may have been removed). Log in with your password.",
        PasskeySignInOutcome.WrongOrigin => "The passkey was offered for another site address than this portal's. Open the portal at its own address and try again.",
        PasskeySignInOutcome.NotVerified => "The passkey could not be verified. Try again, or log in with your password.",
        PasskeySignInOutcome.LockedOut => "This account is locked.",
        PasskeySignInOutcome.NotAllowed => "This account cannot sign in yet: confirm its e-mail address first.",
        _ => "",
    };

    private PasskeySignInOutcome Failed(PasskeySignInOutcome outcome)
    {
        metrics.SignInFailed("passkey");
        return outcome;
    }

    /// <summary>Why a credential was refused, read from it: no such passkey, another origin, or (else) a bad signature.</summary>
    private async Task<PasskeySignInOutcome> ExplainAsync(HttpContext http, string credentialJson)
    {
        try
        {
            using var credential = JsonDocument.Parse(credentialJson);
            var root = credential.RootElement;
            if (root.TryGetProperty("rawId", out var rawId) && UserPasskeys.Decode(rawId.GetString()) is { } id &&
                await users.FindByPasskeyIdAsync(id) is null)
            {
                return PasskeySignInOutcome.UnknownPasskey;
            }

            if (root.TryGetProperty("response", out var response) && response.TryGetProperty("clientDataJSON", out var clientData) &&
                clientData.GetString() is { } encoded && Base64Url.IsValid(encoded))
            {
                using var data = JsonDocument.Parse(Base64Url.DecodeFromChars(encoded));
                var origin = data.RootElement.TryGetProperty("origin", out var o) ? o.GetString() : null;
                if (!string.Equals(origin, PasskeyRelyingParty.ExpectedOrigin(http, oauth.Value), StringComparison.OrdinalIgnoreCase))
                {
                    return PasskeySignInOutcome.WrongOrigin;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Not even well-formed: nothing more to say than "not verified".
        }

        return PasskeySignInOutcome.NotVerified;
    }
}
