namespace OAuthPortal.Management;

/// <summary>One page of a server-side paged list (admin tables: 25 rows a page).</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int PageNumber, int TotalCount, int PageSize = PagedList.DefaultPageSize)
{
    public int TotalPages => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

public static class PagedList
{
    public const int DefaultPageSize = 25;

    /// <summary>A page number from user input, clamped to 1..int.MaxValue/size so that Skip never overflows.</summary>
    public static int Clamp(int page) => Math.Clamp(page, 1, int.MaxValue / DefaultPageSize);

    /// <summary>The rows of page <paramref name="page"/> (1-based, clamped) of an ordered query.</summary>
    public static IQueryable<T> Page<T>(this IQueryable<T> ordered, int page) => ordered.Skip((page - 1) * DefaultPageSize).Take(DefaultPageSize);
}
