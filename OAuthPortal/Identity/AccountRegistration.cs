using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;

namespace OAuthPortal.Identity;

/// <summary>
/// Creates an account from the Register page without telling which e-mail addresses already have one (unless
/// Portal:RegistrationRevealsExistingAccounts): the password rules are checked first, the same way for every address;
/// a taken address costs the same password hash a new account costs, and its owner is told by e-mail (when e-mail is
/// configured) instead of the person registering. With Portal:RequireConfirmedAccount, a new account gets its
/// confirmation link here.
/// </summary>
public sealed class AccountRegistration(
    UserManager<PortalUser> users, FirstRunAdmin firstRunAdmin, AccountEmails emails, SignInAudit audit, IOptions<PortalOptions> options,
    ILogger<AccountRegistration> logger)
{
    public async Task<RegistrationResult> RegisterAsync(HttpContext http, string address, string password, string returnUrl, CancellationToken cancellationToken = default)
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
            return await TakenAsync(http, owner, password, returnUrl);
        }

        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            // Registered by someone else a moment ago: the same answer as above.
            return created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)) &&
                   await users.FindByEmailAsync(address) is { } racer
                ? await TakenAsync(http, racer, password, returnUrl)
                : RegistrationResult.Invalid(created.Errors);
        }

        logger.LogInformation("User created a new account with password.");
        await audit.ChangedAsync(user, UserChange.Registered, "registered on the Register page");
        await firstRunAdmin.PromoteIfFirstAsync(user, cancellationToken);
        if (users.Options.SignIn.RequireConfirmedAccount)
        {
            await emails.SendConfirmationAsync(http, user, returnUrl);
        }

        return RegistrationResult.Created(user);
    }

    private async Task<RegistrationResult> TakenAsync(HttpContext http, PortalUser owner, string password, string returnUrl)
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
        await emails.SendRegistrationAttemptAsync(http, owner, returnUrl);
        return RegistrationResult.Taken;
    }
}
