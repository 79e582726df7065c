using OAuthPortal.Management.Scopes;

namespace OAuthPortal.Cli;

internal static class CliScope
{
    /// <summary>The scope named <paramref name="name"/> with its usage, or the command's one error line.</summary>
    public static async Task<ScopeUsage> FindAsync(ScopeCatalog catalog, string name, CancellationToken cancellationToken) =>
        await catalog.FindByNameAsync(name, cancellationToken)
        ?? throw new CliException($"No scope is named '{name}' (names are case-sensitive; see `scopes list`).");
}
