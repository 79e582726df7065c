using System.Text.RegularExpressions;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Architecture;

/// <summary>
/// Folders point one way: UI (Pages, Areas, Components, Api, Cli) -> Management -> Identity -> OAuth -> Data, and Hosting
/// composes them all. Read from the compiled assembly (signatures, attributes and every method body), so a reference
/// cannot hide in a fully qualified name or a lambda.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly Lazy<IReadOnlyList<FolderReference>> References = new(() => FolderReferences.Of(typeof(Program).Assembly));

    [Fact]
    public void Folders_EveryReference_PointsDownTheLayers()
    {
        var violations = References.Value
            .Where(r => !FolderReferences.IsAllowed(r.From, r.To))
            .Select(r => $"{r.From} -> {r.To}: {r.FromType} uses {r.ToType}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(violations.Count == 0, "Folders must point one way (see README, Architecture):\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Folders_SourceNamespaces_PointDownTheLayers()
    {
        // Constants are copied into the code that uses them, so the assembly cannot see them: read the sources too.
        var root = Path.Combine(RepositoryRoot.Path, "OAuthPortal");
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var from = relative.Contains('/') ? relative.Split('/')[0] : Path.GetFileNameWithoutExtension(relative);
            if (from is "bin" or "obj" || relative.StartsWith("Data/Migrations/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var to in NamespaceMention().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).Distinct())
            {
                if (!FolderReferences.IsAllowed(from, to))
                {
                    violations.Add($"{from} -> {to}: {relative} mentions OAuthPortal.{to}");
                }
            }
        }

        Assert.True(violations.Count == 0, "Folders must point one way (see README, Architecture):\n" + string.Join('\n', violations));
    }

    [GeneratedRegex(@"\bOAuthPortal\.(Data|OAuth|Identity|Management|Pages|Areas|Components|Api|Cli|Hosting)\b")]
    private static partial Regex NamespaceMention();

    [Fact]
    public void Folders_References_FormNoCycle()
    {
        // Across layers references only go down, so a cycle can only run through folders of one layer (the UI ones).
        var edges = References.Value.Where(r => r.From != r.To).Select(r => (r.From, r.To)).Distinct().ToList();

        var cycle = FolderReferences.FindCycle(edges);

        Assert.True(cycle is null, "Folders refer to each other in a circle: " + string.Join(" -> ", cycle ?? []));
    }

    [Fact]
    public void FolderReferences_Cycle_IsFoundWhateverItsLength() =>
        Assert.Equal(["Api", "Cli", "Pages", "Api"], FolderReferences.FindCycle([("Api", "Cli"), ("Cli", "Pages"), ("Pages", "Api"), ("Pages", "Data")]));

    [Fact]
    public void FolderReferences_MethodBodies_AreRead()
    {
        // The scanner must see what only a method body says: the token issuer writes rows through Data's DbContext, and
        // the sample API reads the validated token of OAuth/Bearer inside a lambda.
        Assert.Contains(References.Value, r => r is { From: "OAuth", To: "Data", FromType: "OAuthPortal.OAuth.Token.TokenIssuer" });
        Assert.Contains(References.Value, r => r.From == "Api" && r.To == "OAuth" && r.FromType.StartsWith("OAuthPortal.Api.PortalApi+", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Data", "OAuth", false)]
    [InlineData("OAuth", "Management", false)]
    [InlineData("OAuth", "Identity", false)]
    [InlineData("Management", "Pages", false)]
    [InlineData("Pages", "Hosting", false)]
    [InlineData("Hosting", "Pages", true)]
    [InlineData("Pages", "Management", true)]
    [InlineData("Management", "OAuth", true)]
    [InlineData("OAuth", "Data", true)]
    public void FolderReferences_Rule_AllowsOnlyDownwardReferences(string from, string to, bool allowed) =>
        Assert.Equal(allowed, FolderReferences.IsAllowed(from, to));
}
