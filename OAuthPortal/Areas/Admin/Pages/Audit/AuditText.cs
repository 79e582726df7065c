using System.Text.RegularExpressions;

namespace OAuthPortal.Areas.Admin.Pages.Audit;

/// <summary>
/// The parts of an audit entry's actor, target or details, with the users and clients it names ("user:alice@example.com",
/// "client:abc") picked out, so the page can link them to their admin pages.
/// </summary>
public static partial class AuditText
{
    /// <summary>A run of plain text (<see cref="Kind"/> null), or a reference: Kind "user" (an e-mail) or "client" (a client_id) and its key.</summary>
    public sealed record Part(string Text, string? Kind = null, string? Key = null);

    public static IReadOnlyList<Part> Split(string text)
    {
        var parts = new List<Part>();
        var at = 0;
        foreach (Match match in Reference().Matches(text))
        {
            if (match.Index > at)
            {
                parts.Add(new Part(text[at..match.Index]));
            }

            parts.Add(new Part(match.Value, match.Groups["kind"].Value, match.Groups["key"].Value));
            at = match.Index + match.Length;
        }

        if (at < text.Length)
        {
            parts.Add(new Part(text[at..]));
        }

        return parts;
    }

    /// <summary>The e-mail addresses <paramref name="text"/> names as "user:...", or the text itself when it is one (an actor).</summary>
    public static IEnumerable<string> Emails(string text) =>
        text.Contains('@') && !text.Contains(':') ? [text] : Split(text).Where(p => p.Kind == "user").Select(p => p.Key!);

    [GeneratedRegex(@"\b(?<kind>user|client):(?<key>[^\s;,()]+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Reference();
}
