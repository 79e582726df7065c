using System.Globalization;
using System.Text;

namespace OAuthPortal.Cli;

/// <summary>
/// Left-aligned, space-padded columns for the list commands. Cells can hold what strangers typed (an e-mail address at a
/// failed sign-in, a client name): line breaks become spaces, and other control and format characters (terminal escape
/// sequences, bidi overrides) are shown as <c>\uXXXX</c>, so nothing printed can drive the operator's terminal.
/// </summary>
internal static class TextTable
{
    public static string Render(string[] headers, IEnumerable<string[]> rows, string whenEmpty)
    {
        var all = rows.Select(r => r.Select(Printable).ToArray()).ToList();
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

    private static string Printable(string cell)
    {
        cell = cell.ReplaceLineEndings(" ");
        if (!cell.Any(IsHidden))
        {
            return cell;
        }

        var text = new StringBuilder(cell.Length + 16);
        foreach (var c in cell)
        {
            if (IsHidden(c))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static bool IsHidden(char c) => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
