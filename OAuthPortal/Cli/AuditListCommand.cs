using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using OAuthPortal.Data;
using OAuthPortal.Management.Audit;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>audit list [--since DATE|24h|7d] [--action A] [--limit N] [--json]</c>: the audit log, newest first (the newest 100 unless <c>--limit</c> says otherwise), as the admin Audit page
/// shows it; <c>--since</c> takes an ISO 8601 date or time (UTC unless it has an offset) or a time back from now.
/// </summary>
public static partial class AuditListCommand
{
    public static Command Create(CliContext context)
    {
        var since = new Option<string?>("--since")
        {
            Description = "Only entries from this time on: an ISO 8601 date or time (2026-01-31, 2026-01-31T08:00:00Z; UTC unless an offset is given), " +
                "or a time back from now: a number and m, h, d or w (30m, 24h, 7d, 2w).",
        };
        var action = new Option<string?>("--action") { Description = "Only entries of this action, e.g. ClientCreated or UserLocked (case-insensitive)." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var limit = CliOptions.Limit();
        var command = new Command("list", "List audit log entries, newest first: when, who, what, to what.") { since, action, limit, json };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var search = new AuditSearch(ParseAction(parse.GetValue(action), action.Name), Since: ParseSince(parse.GetValue(since), now, since.Name));
            var log = services.GetRequiredService<AuditLog>();
            var entries = await CliOptions.AllPagesAsync(page => log.SearchAsync(search, page, cancellationToken), parse.GetValue(limit), context.Error);
            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(entries.Select(e => new
                {
                    id = e.Id, occurred_at = e.OccurredAt, actor = e.Actor, action = e.Action.ToString(), target = e.Target, details = e.Details,
                    ip_address = e.IpAddress,
                }));
                return;
            }

            await context.Output.WriteAsync(TextTable.Render(["WHEN (UTC)", "ACTOR", "ACTION", "TARGET", "DETAILS"],
                entries.Select(e => new[]
                {
                    e.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), e.Actor, e.Action.ToString(), e.Target, e.Details,
                }),
                "No audit entries match."));
        });
        return command;
    }

    internal static AuditAction? ParseAction(string? text, string option) =>
        text is null ? null
        : Enum.TryParse<AuditAction>(text.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _) ? parsed
        : throw new CliException($"{option}: unknown action '{text}'; one of {string.Join(", ", Enum.GetNames<AuditAction>())}.");

    /// <summary>The UTC time <paramref name="text"/> names (an ISO 8601 date or time, or a time back from <paramref name="now"/>), or null without it.</summary>
    internal static DateTime? ParseSince(string? text, DateTimeOffset now, string option)
    {
        if (text is null)
        {
            return null;
        }

        if (Relative().Match(text.Trim()) is { Success: true } relative)
        {
            var amount = int.Parse(relative.Groups["n"].Value, CultureInfo.InvariantCulture);
            var back = relative.Groups["unit"].Value.ToLowerInvariant() switch
            {
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                _ => TimeSpan.FromDays(7.0 * amount),
            };
            return back <= MaxBack ? (now - back).UtcDateTime : throw new CliException($"{option}: '{text}' reaches back more than 100 years.");
        }

        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
               && IsoLike().IsMatch(text.Trim())
            ? time.UtcDateTime
            : throw new CliException($"{option}: '{text}' is neither an ISO 8601 date or time (2026-01-31, 2026-01-31T08:00:00Z) nor a time back from now (24h, 7d).");
    }

    private static readonly TimeSpan MaxBack = TimeSpan.FromDays(36_525);

    [GeneratedRegex(@"^(?<n>\d{1,6})(?<unit>[mhdwMHDW])$")]
    private static partial Regex Relative();

    /// <summary>Starts as an ISO 8601 date (yyyy-MM-dd), so that culture-dependent forms like 01/02/2026 are refused, not guessed.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ].*)?$")]
    private static partial Regex IsoLike();
}
