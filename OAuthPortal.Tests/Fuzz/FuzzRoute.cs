namespace OAuthPortal.Tests.Fuzz;

/// <summary>One route of the running portal, with what the fuzzer knows about it: parameters, page handlers, bound field names.</summary>
public sealed class FuzzRoute(string pattern, string kind)
{
    public const string Page = "page";
    public const string Api = "api";
    public const string Static = "static";
    public const string Fallback = "fallback";
    public const string Missing = "missing";

    /// <summary>The route pattern ("/Admin/Users/Details/{id}"), or the path of a static file or of a page that does not exist.</summary>
    public string Pattern { get; } = pattern;

    /// <summary><see cref="Page"/>, <see cref="Api"/> (any other endpoint), <see cref="Static"/>, <see cref="Fallback"/> or <see cref="Missing"/>.</summary>
    public string Kind { get; } = kind;

    /// <summary>Route parameters by name, true when constrained to int.</summary>
    public Dictionary<string, bool> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Page handler names (from the compiled page and from the forms seen on it).</summary>
    public SortedSet<string> Handlers { get; } = new(StringComparer.Ordinal);

    /// <summary>Names model binding reads: bound properties, handler parameters, form inputs and link query keys seen.</summary>
    public SortedSet<string> Fields { get; } = new(StringComparer.Ordinal);

    public string? Area => Pattern.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is ("Admin" or "Developer" or "Identity") and var area ? area : null;

    /// <summary>Pages only a signed-in user opens (the sweep sends them as one).</summary>
    public bool NeedsUser => Area == "Developer" || Pattern.StartsWith("/Account", StringComparison.Ordinal) ||
                             Pattern.StartsWith("/Identity/Account/Manage", StringComparison.Ordinal);

    /// <summary>
    /// Pages that end the session of whoever posts to them without a password (sign-out, the end-session endpoint,
    /// Manage &gt; Sessions): the fuzzer sends them as a throwaway user, so that the user and the admin stay signed in
    /// for the whole run.
    /// </summary>
    public bool EndsSessions => Pattern is "/Identity/Account/Logout" or "/oauth2/logout" or "/Identity/Account/Manage/Sessions";

    public bool IsOAuth => Pattern.StartsWith("/oauth2/", StringComparison.Ordinal) || Pattern.StartsWith("/.well-known/", StringComparison.Ordinal) ||
                           Pattern.StartsWith("/api/", StringComparison.Ordinal);

    /// <summary>The pattern with each parameter replaced by <paramref name="value"/>'s choice (already encoded).</summary>
    public string Fill(Func<string, bool, string> value)
    {
        var path = Pattern;
        foreach (var (name, isInt) in Parameters)
        {
            var chosen = value(name, isInt);
            path = path.Replace($"{{{name}:int}}", chosen, StringComparison.Ordinal).Replace($"{{{name}}}", chosen, StringComparison.Ordinal);
        }

        return path;
    }

    public override string ToString() => Pattern;
}
