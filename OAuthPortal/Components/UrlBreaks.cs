namespace OAuthPortal.Components;

/// <summary>
/// Where a long URL may wrap: after each '/', '?', '&amp;' and '=' (the layout puts a &lt;wbr&gt; there), so that a URL too
/// long for its column wraps between its parts rather than in the middle of a word. The text itself is unchanged.
/// </summary>
public static class UrlBreaks
{
    private static readonly char[] After = ['/', '?', '&', '='];

    public static IEnumerable<string> Parts(string url)
    {
        var start = 0;
        for (var i = 0; i < url.Length; i++)
        {
            if (Array.IndexOf(After, url[i]) >= 0 && (i + 1 >= url.Length || url[i + 1] != '/'))
            {
                yield return url[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < url.Length)
        {
            yield return url[start..];
        }
    }
}
