using Microsoft.Extensions.Primitives;

namespace OAuthPortal.OAuth.Http;

/// <summary>
/// The parameters of a protocol request, from the query string and/or the form body (djoauth2's
/// <c>request.REQUEST</c>), keeping every occurrence so that repeated parameters can be refused (RFC 6749 §3.1).
/// </summary>
public sealed class ProtocolParameters
{
    private readonly List<KeyValuePair<string, string>> _all = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public static ProtocolParameters From(IEnumerable<KeyValuePair<string, StringValues>> source, params string[] ignored) =>
        new ProtocolParameters().Add(source, ignored);

    /// <summary>Adds another source (e.g. the form body after the query string); the same name in both counts twice.</summary>
    public ProtocolParameters Add(IEnumerable<KeyValuePair<string, StringValues>> source, params string[] ignored)
    {
        foreach (var (name, values) in source)
        {
            if (ignored.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            foreach (var value in values)
            {
                _all.Add(new(name, value ?? ""));
                _counts[name] = _counts.GetValueOrDefault(name) + 1;
            }
        }

        return this;
    }

    /// <summary>Every name/value pair as received, in order (used to carry the request across the consent form).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> All => _all;

    /// <summary>The value of a parameter sent once; null when absent, empty (RFC 6749 §3.1: treated as omitted) or repeated.</summary>
    public string? Get(string name)
    {
        if (_counts.GetValueOrDefault(name) != 1)
        {
            return null;
        }

        var value = _all.First(p => p.Key == name).Value;
        return value.Length == 0 ? null : value;
    }

    /// <summary>Every value of a parameter, in order, empty ones included (for <see cref="Repeatable"/> parameters).</summary>
    public IReadOnlyList<string> GetAll(string name) => _counts.ContainsKey(name) ? _all.Where(p => p.Key == name).Select(p => p.Value).ToList() : [];

    public bool IsRepeated(string name) => _counts.GetValueOrDefault(name) > 1;

    /// <summary>
    /// The parameters that may be sent more than once: <c>resource</c>, one per resource (RFC 8707 §2). Every other
    /// parameter is refused when repeated (RFC 6749 §3.1, §3.2).
    /// </summary>
    public static readonly IReadOnlySet<string> Repeatable = new HashSet<string>(StringComparer.Ordinal) { OAuthParameterNames.Resource };

    /// <summary>The parameters sent more than once that must not be (<see cref="Repeatable"/> ones are left out).</summary>
    public IEnumerable<string> RepeatedNames =>
        _counts.Where(c => c.Value > 1 && !Repeatable.Contains(c.Key)).Select(c => c.Key).Order(StringComparer.Ordinal);
}
