using System.Text;

namespace OAuthPortal.Cli;

/// <summary>Left-aligned, space-padded columns for the list commands.</summary>
internal static class TextTable
{
    public static string Render(string[] headers, IEnumerable<string[]> rows, string whenEmpty)
    {
        var all = rows.Select(r => r.Select(c => c.ReplaceLineEndings(" ")).ToArray()).ToList();
        if (all.Count == 0)
        {
            return whenEmpty + Environment.NewLine;
        }

        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        foreach (var row in all.Prepend(headers))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))));
        }

        return text.ToString();
    }
}
