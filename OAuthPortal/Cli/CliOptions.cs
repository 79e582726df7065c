using System.CommandLine;
using OAuthPortal.Management;

namespace OAuthPortal.Cli;

/// <summary>Small pieces the commands share: option rules checked while parsing, and reading every page of a list.</summary>
internal static class CliOptions
{
    /// <summary>Exactly one of <paramref name="options"/> must be given: a parse error otherwise (one line, before anything runs).</summary>
    public static void RequireExactlyOne(Command command, params Option[] options) =>
        command.Validators.Add(result =>
        {
            if (options.Count(o => result.GetResult(o) is { Implicit: false }) != 1)
            {
                result.AddError($"Give exactly one of {string.Join(", ", options.Select(o => o.Name))}.");
            }
        });

    /// <summary>The newest entries shown by default by lists that grow without bound (tokens, audit).</summary>
    public const int DefaultLimit = 100;

    /// <summary><c>--limit N</c> for a list that grows without bound: at most N entries, newest first; 0 for all.</summary>
    public static Option<int> Limit() => new("--limit")
    {
        Description = $"At most this many entries, newest first (default {DefaultLimit}; 0 for all).",
        DefaultValueFactory = _ => DefaultLimit,
        Validators = { r => { if (r.GetValueOrDefault<int>() < 0) { r.AddError("--limit must be 0 (all) or more."); } } },
    };

    /// <summary>
    /// Every item of a paged list, page after page, in the list's order; with a <paramref name="limit"/> (0: none) it
    /// stops there and says on <paramref name="error"/> how many more there are.
    /// </summary>
    public static async Task<IReadOnlyList<T>> AllPagesAsync<T>(Func<int, Task<PagedList<T>>> page, int limit = 0, TextWriter? error = null)
    {
        var first = await page(1);
        var items = first.Items.ToList();
        for (var number = 2; number <= first.TotalPages && (limit == 0 || items.Count < limit); number++)
        {
            items.AddRange((await page(number)).Items);
        }

        if (limit > 0 && first.TotalCount > limit)
        {
            items.RemoveRange(limit, items.Count - limit);
            error?.WriteLine($"The newest {limit} of {first.TotalCount} are shown; --limit N shows more, --limit 0 all.");
        }

        return items;
    }
}
