using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Device;
using OAuthPortal.OAuth.Oidc;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.Pages.Device;

/// <summary>
/// /device, the verification URI of the device flow (RFC 8628 §3.3): the signed-in user types the code their device
/// shows (or arrives with it from <c>verification_uri_complete</c>, and still confirms it), sees who asks for what, and
/// allows or declines. Never answered by remembered consent. Every code typed, on any of the three forms, goes through
/// <see cref="LimitUserCodeGuesses"/> (§5.1); the rules are in <see cref="DeviceVerification"/>.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(DeviceVerification verification, LimitUserCodeGuesses guesses, TimeProvider clock) : PageModel
{
    /// <summary>The code as typed; the wire name of RFC 8628 (<c>user_code</c>), so <c>verification_uri_complete</c> fills it in.</summary>
    [BindProperty(SupportsGet = true, Name = P.UserCode)]
    public string? UserCode { get; set; }

    /// <summary>The request the code names, once found: the page then asks to allow or decline it.</summary>
    public DevicePrompt? Prompt { get; private set; }

    /// <summary>Why the code was not accepted (wrong, expired, answered already, or too many wrong codes).</summary>
    public string? CodeError { get; private set; }

    public bool LockedOut { get; private set; }

    /// <summary>The code came with the link (<c>verification_uri_complete</c>): the page asks to check it against the device.</summary>
    public bool Prefilled { get; private set; }

    /// <summary>Shows the form, with the code of the link in it (formatted when it is one): nothing is looked up before Continue.</summary>
    public void OnGet()
    {
        UserCode = OAuth.Device.UserCode.Normalize(UserCode) is { } code ? OAuth.Device.UserCode.Format(code) : UserCode?.Trim();
        Prefilled = !string.IsNullOrEmpty(UserCode);
    }

    /// <summary>Continue: looks the code up and shows the request to confirm.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(UserCode))
        {
            CodeError = "Enter the code your device shows.";
            return Page();
        }

        return await GuessAsync(async (user, ct) => (Prompt = await verification.FindAsync(UserCode, ct)) is not null, Page, cancellationToken);
    }

    public Task<IActionResult> OnPostAllowAsync(CancellationToken cancellationToken) =>
        DecideAsync((user, ct) => verification.ApproveAsync(UserCode, user, ct), DeviceCodeStatus.Approved, cancellationToken);

    public Task<IActionResult> OnPostDenyAsync(CancellationToken cancellationToken) =>
        DecideAsync((user, ct) => verification.DenyAsync(UserCode, user.UserId, ct), DeviceCodeStatus.Denied, cancellationToken);

    /// <summary>
    /// Allow or Decline: a code that names a request is a right code even when the request no longer waits (answered in
    /// another tab, expired): the user is told so, and it counts as no guess.
    /// </summary>
    private async Task<IActionResult> DecideAsync(
        Func<SignedInUser, CancellationToken, Task<DeviceDecision>> decide, DeviceCodeStatus outcome, CancellationToken cancellationToken)
    {
        var decision = DeviceDecision.Unknown;
        return await GuessAsync(async (user, ct) => (decision = await decide(user, ct)) != DeviceDecision.Unknown, () =>
        {
            if (decision == DeviceDecision.Recorded)
            {
                return Done(outcome);
            }

            CodeError = "This request no longer waits for an answer: it was answered already (perhaps in another tab), or it " +
                "expired. Look at your device, and start again there if it still asks.";
            return Page();
        }, cancellationToken);
    }

    /// <summary>Checks the typed code through the guessing limits; a wrong code, or a refusal, shows the form again with why.</summary>
    private async Task<IActionResult> GuessAsync(
        Func<SignedInUser, CancellationToken, Task<bool>> check, Func<IActionResult> right, CancellationToken cancellationToken)
    {
        if (SignedInUser.From(User) is not { } user)
        {
            return Challenge();
        }

        var guess = await guesses.CheckAsync(user.UserId, HttpContext.Connection.RemoteIpAddress, ct => check(user, ct), cancellationToken);
        if (guess.Right)
        {
            return right();
        }

        Prompt = null;
        if (guess.LockedUntil is { } until)
        {
            var wait = until - clock.GetUtcNow().UtcDateTime;
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            LockedOut = true;
            CodeError = "Too many wrong codes were entered from your account or your network, so no code is accepted for a " +
                $"while, not even a right one. Try again in {minutes} minute{(minutes == 1 ? "" : "s")} (after {until.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC).";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Page();
        }

        CodeError = "That code is not valid: it may be mistyped, expired or already used. Check the code on your device and " +
            "enter it again, or start again on the device to get a new one.";
        return Page();
    }

    /// <summary>Post/Redirect/Get: the plain page that tells the user what happens next.</summary>
    private RedirectToPageResult Done(DeviceCodeStatus outcome) =>
        RedirectToPage("/Device/Done", new { outcome = outcome.ToString().ToLowerInvariant() });
}
