using Microsoft.AspNetCore.Identity;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Identity;

/// <summary>
/// A user's profile names (Manage your account &gt; Profile), the source of the OpenID Connect <c>name</c>,
/// <c>given_name</c>, <c>family_name</c> and <c>updated_at</c> claims. Each name is optional, trimmed (blank is none),
/// at most <see cref="PortalUser.MaxNameLength"/> characters, without control characters (a line break would forge log
/// lines and break the tokens' consumers). <see cref="PortalUser.ProfileUpdatedAt"/> moves only when a name changes.
/// </summary>
public sealed class UserProfiles(UserManager<PortalUser> users, TimeProvider clock)
{
    public static ProfileNames NamesOf(PortalUser user) => new(user.Name, user.GivenName, user.FamilyName);

    /// <summary>The rules on each name; the field of an error is the <see cref="ProfileNames"/> property.</summary>
    public static List<FieldError> Validate(ProfileNames names)
    {
        var errors = new List<FieldError>();
        Check(nameof(ProfileNames.Name), "full name", names.Name, errors);
        Check(nameof(ProfileNames.GivenName), "given name", names.GivenName, errors);
        Check(nameof(ProfileNames.FamilyName), "family name", names.FamilyName, errors);
        return errors;
    }

    public async Task<ProfileUpdate> UpdateAsync(PortalUser user, ProfileNames names)
    {
        if (Validate(names) is { Count: > 0 } errors)
        {
            return ProfileUpdate.Invalid(errors);
        }

        var wanted = new ProfileNames(Normalize(names.Name), Normalize(names.GivenName), Normalize(names.FamilyName));
        if (wanted == NamesOf(user))
        {
            return ProfileUpdate.Unchanged;
        }

        (user.Name, user.GivenName, user.FamilyName) = (wanted.Name, wanted.GivenName, wanted.FamilyName);
        user.ProfileUpdatedAt = clock.GetUtcNow().UtcDateTime;
        var result = await users.UpdateAsync(user);
        return result.Succeeded
            ? ProfileUpdate.Saved
            : ProfileUpdate.Invalid(result.Errors.Select(e => new FieldError("", e.Description)).ToList());
    }

    private static void Check(string field, string label, string? value, List<FieldError> errors)
    {
        var name = Normalize(value) ?? "";
        if (name.Length > PortalUser.MaxNameLength)
        {
            errors.Add(new(field, $"The {label} must be at most {PortalUser.MaxNameLength} characters long."));
        }
        else if (name.Any(char.IsControl))
        {
            errors.Add(new(field, $"The {label} must not contain control characters (such as line breaks or tabs)."));
        }
    }

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
