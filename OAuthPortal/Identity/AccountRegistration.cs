using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;

namespace OAuthPortal.Identity;

/// <summary>
/// Creates an account from the Register page without telling which e-mail addresses already have one (unless
/// Portal:RegistrationRevealsExistingAccounts): the password rules are checked first, the same way for every address;
/// a taken address costs the same password hash a new account costs, and its owner is told by e-mail (when e-mail is
/// configured) instead of the person registering.
/// </summary>
public sealed class AccountRegistration(
    UserManager<PortalUser> users, FirstRunAdmin firstRunAdmin, IEmailSender email, IOptions<PortalOptions> options, ILogger<AccountRegistration> logger)
{
    public async Task<RegistrationResult> RegisterAsync(string address, string password, string signInUrl, CancellationToken cancellationToken = default)
    {
        var user = new PortalUser { UserName = address, Email = address };
        var passwordErrors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            passwordErrors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }

        if (passwordErrors.Count > 0)
        {
            return RegistrationResult.Invalid(passwordErrors);
        }

        if (await users.FindByEmailAsync(address) is { } owner)
        {
            return await TakenAsync(owner, password, signInUrl);
        }

        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            // Registered by someone else a moment ago: the same answer as above.
            return created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)) &&
                   await users.FindByEmailAsync(address) is { } racer
                ? await TakenAsync(racer, password, signInUrl)
                : RegistrationResult.Invalid(created.Errors);
        }

        logger.LogInformation("User created a new account with password.");
        await firstRunAdmin.PromoteIfFirstAsync(user, cancellationToken);
        return RegistrationResult.Created(user);
    }

    private async Task<RegistrationResult> TakenAsync(PortalUser owner, string password, string signInUrl)
    {
        if (options.Value.RegistrationRevealsExistingAccounts)
        {
            return RegistrationResult.Invalid([new IdentityError
            {
                Code = nameof(IdentityErrorDescriber.DuplicateEmail),
                Description = $"The e-mail address '{owner.Email}' already has an account: log in instead.",
            }]);
        }

        users.PasswordHasher.HashPassword(owner, password); // the work creating an account costs; the result is discarded
        await email.SendEmailAsync(owner.Email!, "Someone tried to register with your e-mail address",
            $"<p>Someone tried to create an account on the portal with this e-mail address, which already has an account. " +
            $"If it was you, <a href=\"{HtmlEncoder.Default.Encode(signInUrl)}\">log in</a> instead, or reset your password from the log-in page.</p>" +
            "<p>If it was not you, you can ignore this message: nothing about your account has changed.</p>");
        return RegistrationResult.Taken;
    }
}
