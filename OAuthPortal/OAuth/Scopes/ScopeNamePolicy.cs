using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Scopes;

/// <summary>RFC 6749 §3.3: <c>scope-token = 1*( %x21 / %x23-5B / %x5D-7E )</c>.</summary>
public static class ScopeNamePolicy
{
    public static bool IsScopeTokenChar(char c) => c == '\x21' || (c >= '\x23' && c <= '\x5B') || (c >= '\x5D' && c <= '\x7E');

    /// <summary>Returns null when <paramref name="name"/> is a valid scope name, else why not.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "A scope name is required.";
        }

        if (name.Length > Scope.MaxNameLength)
        {
            return $"A scope name must be at most {Scope.MaxNameLength} characters long.";
        }

        return name.All(IsScopeTokenChar)
            ? null
            : "A scope name may contain only printable ASCII characters other than space, \" and \\ (RFC 6749 section 3.3).";
    }
}
