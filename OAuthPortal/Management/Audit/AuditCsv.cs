using System.Globalization;
using System.Text;
using OAuthPortal.Data;

namespace OAuthPortal.Management.Audit;

/// <summary>
/// The audit log as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted,
/// quotes doubled). Safe to open in a spreadsheet: a cell that would start with <c>= + - @</c>, a tab or a carriage
/// return (a formula, OWASP "CSV injection") is prefixed with a single quote, so it is shown as text.
/// </summary>
public static class AuditCsv
{
    private const string Header = "time_utc,actor,action,label,target,details,ip_address";

    public static string Write(IEnumerable<AuditEvent> entries)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var entry in entries)
        {
            string[] cells =
            [
                entry.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), entry.Actor, entry.Action.ToString(),
                AuditLabels.Label(entry.Action), entry.Target, entry.Details, entry.IpAddress ?? "",
            ];
            csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>One field: defused (a leading formula character made text), then quoted when it needs to be.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
