using System.Text.RegularExpressions;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// The README's "Register an ASP.NET Core app as a client" is the configuration <see cref="AspNetCoreOidcTests"/> runs:
/// every handler setting and sign-out call it shows is in <see cref="AspNetCoreOidcApp"/> as written (the Authority and
/// credentials aside, which only a deployment knows), and the app sets nothing else but what plain http on loopback
/// and the test's recording need.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    private const string Section = "## Register an ASP.NET Core app as a client";

    /// <summary>Set by name only: the README shows a deployment's values, the test app the test's.</summary>
    private static readonly string[] DeploymentValues = ["options.Authority =", "options.ClientId =", "options.ClientSecret ="];

    /// <summary>What only the test app sets: http on 127.0.0.1 (no Secure cookies, metadata over http), recording, failure reports.</summary>
    private static readonly string[] TestOnly =
    [
        "options.RequireHttpsMetadata =", "options.CorrelationCookie.", "options.NonceCookie.", "options.BackchannelHttpHandler =", "options.Events.",
    ];

    [Fact]
    public void ReadmeOidcSnippet_ComparedWithTheTestedApp_SameHandlerSettingsAndSignOut()
    {
        var snippet = Snippet();
        var app = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "OAuthPortal.Tests", "ThirdParty", "AspNetCoreOidcApp.cs"));
        var appLines = Statements(app);
        var handler = app[app.IndexOf(".AddOpenIdConnect(options =>", StringComparison.Ordinal)..app.IndexOf("builder.Services.AddAuthorization();", StringComparison.Ordinal)];

        var shown = Statements(snippet).Where(l => l.StartsWith("options.", StringComparison.Ordinal) || l.StartsWith("await context.SignOutAsync(", StringComparison.Ordinal)).ToList();
        var missing = shown.Where(l => DeploymentValues.FirstOrDefault(l.StartsWith) is { } name
            ? !appLines.Any(a => a.StartsWith(name, StringComparison.Ordinal))
            : !appLines.Contains(l)).ToList();
        var extra = Statements(handler).Where(l => l.StartsWith("options.", StringComparison.Ordinal))
            .Where(l => !shown.Contains(l) && !DeploymentValues.Concat(TestOnly).Any(l.StartsWith)).ToList();

        Assert.True(shown.Count >= 20, "README snippet not found or cut short:\n" + snippet);
        Assert.True(missing.Count == 0, "In the README but not in AspNetCoreOidcApp:\n" + string.Join('\n', missing));
        Assert.True(extra.Count == 0, "Set by AspNetCoreOidcApp but not shown in the README:\n" + string.Join('\n', extra));
    }

    private static string Snippet()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var start = readme.IndexOf(Section, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no section \"{Section}\"");
        return CSharpBlock().Match(readme, start).Groups[1].Value;
    }

    /// <summary>Each line trimmed, without a trailing // comment.</summary>
    private static List<string> Statements(string code) =>
        code.Split('\n').Select(l => TrailingComment().Replace(l, "").Trim()).Where(l => l.Length > 0).ToList();

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"\s+//.*$")]
    private static partial Regex TrailingComment();
}
