using Microsoft.AspNetCore.Identity;
using OAuthPortal.Data;

namespace OAuthPortal.Identity;

/// <summary>
/// The outcome of <see cref="AccountRegistration.RegisterAsync"/>: an account was created (<see cref="User"/>), the
/// address already had one (answered like a creation unless the portal reveals it), or the input is refused (<see cref="Errors"/>).
/// </summary>
public sealed record RegistrationResult(PortalUser? User, IReadOnlyList<IdentityError> Errors)
{
    public static readonly RegistrationResult Taken = new(null, []);

    public static RegistrationResult Created(PortalUser user) => new(user, []);

    public static RegistrationResult Invalid(IEnumerable<IdentityError> errors) => new(null, errors.ToList());
}
