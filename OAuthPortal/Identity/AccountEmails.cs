using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Caching.Memory;
using OAuthPortal.Data;

namespace OAuthPortal.Identity;

/// <summary>
/// The e-mails about an account: the link that confirms a new address (of a new account, or one a user changes to),
/// the notice to an address's owner that someone tried to register it, and a password-reset link. At most one of each kind goes to an address every
/// <see cref="OneOfAKindEvery"/> (per portal instance), so the pages that send them cannot be used to flood a mailbox.
/// Links are built from the request's host, which <c>RequireUsableHost</c> holds to the issuer's when one is configured.
/// </summary>
public sealed class AccountEmails(UserManager<PortalUser> users, IEmailSender email, LinkGenerator links, IMemoryCache sent)
{
    public static readonly TimeSpan OneOfAKindEvery = TimeSpan.FromMinutes(15);

    public async Task SendConfirmationAsync(HttpContext http, PortalUser user, string returnUrl)
    {
        if (FirstInAWhile("confirm", user.Email!))
        {
            var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
            var confirm = Link(http, "/Account/ConfirmEmail", new { area = "Identity", userId = user.Id, code, returnUrl });
            await email.SendEmailAsync(user.Email!, "Confirm your e-mail address",
                $"<p>Confirm the address of your new account by opening this link: <a href=\"{confirm}\">confirm my address</a>.</p>");
        }
    }

    /// <summary>Someone tried to register <paramref name="owner"/>'s address: tell them, with a way in (a reset link confirms the address too).</summary>
    public async Task SendRegistrationAttemptAsync(HttpContext http, PortalUser owner, string returnUrl)
    {
        if (FirstInAWhile("taken", owner.Email!))
        {
            var login = Link(http, "/Account/Login", new { area = "Identity", returnUrl });
            var reset = Link(http, "/Account/ResetPassword", new { area = "Identity", code = Encode(await users.GeneratePasswordResetTokenAsync(owner)) });
            await email.SendEmailAsync(owner.Email!, "Someone tried to register with your e-mail address",
                "<p>Someone tried to create an account on the portal with this e-mail address, which already has an account. " +
                $"If it was you, <a href=\"{login}\">log in</a>, or <a href=\"{reset}\">choose a new password</a>.</p>" +
                "<p>If it was not you, you can ignore this message: nothing about your account has changed.</p>");
        }
    }

    public async Task SendPasswordResetAsync(HttpContext http, PortalUser user)
    {
        if (FirstInAWhile("reset", user.Email!))
        {
            var reset = Link(http, "/Account/ResetPassword", new { area = "Identity", code = Encode(await users.GeneratePasswordResetTokenAsync(user)) });
            await email.SendEmailAsync(user.Email!, "Choose a new password",
                $"<p>To choose a new password for your account, open this link: <a href=\"{reset}\">choose a new password</a>. " +
                "If you did not ask for it, ignore this message: your password has not changed.</p>");
        }
    }

    /// <summary>A signed-in user asked to change their address to <paramref name="newAddress"/>: the link that proves they own it.</summary>
    public async Task SendEmailChangeAsync(HttpContext http, PortalUser user, string newAddress)
    {
        if (FirstInAWhile("change", newAddress))
        {
            var code = Encode(await users.GenerateChangeEmailTokenAsync(user, newAddress));
            var confirm = Link(http, "/Account/ConfirmEmailChange", new { area = "Identity", userId = user.Id, email = newAddress, code });
            await email.SendEmailAsync(newAddress, "Confirm your new e-mail address",
                $"<p>To use this address for your account on the portal, open this link: <a href=\"{confirm}\">confirm my new address</a>. " +
                "If you did not ask for it, ignore this message: nothing changes.</p>");
        }
    }

    private bool FirstInAWhile(string kind, string address)
    {
        var key = $"account-email:{kind}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(address.Trim().ToUpperInvariant())))}";
        if (sent.TryGetValue(key, out _))
        {
            return false;
        }

        sent.Set(key, true, OneOfAKindEvery);
        return true;
    }

    private string Link(HttpContext http, string page, object values) =>
        HtmlEncoder.Default.Encode(links.GetUriByPage(http, page, handler: null, values)
            ?? throw new InvalidOperationException($"No route to {page}."));

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
}
