using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.OAuth.Registration;

/// <summary>
/// What a developer may ask for when making an initial access token (RFC 7591 §3), in the developer area or the CLI:
/// a printable name of at most <see cref="InitialAccessToken.MaxNameLength"/> characters, a lifetime above zero and at
/// most <see cref="MaxLifetime"/> (a token that registers clients must not live for ever), and a grant-type cap made of
/// supported grant types only. The one home of these rules; callers show the errors next to their own fields.
/// </summary>
public static class InitialAccessTokenRules
{
    /// <summary>The longest an initial access token may live.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(90);

    /// <summary>Field names of the errors (<see cref="FieldError.Field"/>).</summary>
    public const string NameField = "Name";
    public const string LifetimeField = "Lifetime";
    public const string GrantTypesField = "GrantTypes";

    public static IReadOnlyList<FieldError> Validate(string? name, TimeSpan lifetime, IReadOnlyCollection<string>? grantTypes)
    {
        var errors = new List<FieldError>();
        if (NameProblem(name) is { } nameProblem)
        {
            errors.Add(new FieldError(NameField, nameProblem));
        }

        if (LifetimeProblem(lifetime) is { } lifetimeProblem)
        {
            errors.Add(new FieldError(LifetimeField, lifetimeProblem));
        }

        var unsupported = (grantTypes ?? []).Where(g => !RequireAllowedGrantType.Supported.Contains(g)).ToList();
        if (unsupported.Count > 0)
        {
            errors.Add(new FieldError(GrantTypesField,
                $"Unsupported grant type(s): {string.Join(", ", unsupported)}; use {string.Join(", ", RequireAllowedGrantType.Supported)}."));
        }

        return errors;
    }

    /// <summary>Why <paramref name="lifetime"/> is refused, or null.</summary>
    public static string? LifetimeProblem(TimeSpan lifetime) =>
        lifetime <= TimeSpan.Zero ? "The lifetime must be longer than zero."
        : lifetime > MaxLifetime ? $"The lifetime must be at most {MaxLifetime.TotalDays:0} days."
        : null;

    private static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Give the token a name (what uses it, e.g. \"CI agent\")."
        : name.Trim().Length > InitialAccessToken.MaxNameLength ? $"The name must be at most {InitialAccessToken.MaxNameLength} characters."
        : name.Any(char.IsControl) ? "The name must not contain control characters."
        : null;
}
