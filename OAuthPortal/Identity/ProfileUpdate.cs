using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Identity;

/// <summary>The result of <see cref="UserProfiles.UpdateAsync"/>: saved, nothing to save, or refused (<see cref="Errors"/>, nothing saved).</summary>
public sealed record ProfileUpdate(bool Changed, IReadOnlyList<FieldError> Errors)
{
    public static readonly ProfileUpdate Saved = new(true, []);

    public static readonly ProfileUpdate Unchanged = new(false, []);

    public bool Succeeded => Errors.Count == 0;

    public static ProfileUpdate Invalid(IReadOnlyList<FieldError> errors) => new(false, errors);
}
