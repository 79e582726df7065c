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

    /// <summary>Every item of a paged list, page after page, in the list's order.</summary>
    public static async Task<IReadOnlyList<T>> AllPagesAsync<T>(Func<int, Task<PagedList<T>>> page)
    {
        var first = await page(1);
        var items = first.Items.ToList();
        for (var number = 2; number <= first.TotalPages; number++)
        {
            items.AddRange((await page(number)).Items);
        }

        return items;
    }
}
