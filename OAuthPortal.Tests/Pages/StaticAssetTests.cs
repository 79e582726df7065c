using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages;

/// <summary>
/// Bootstrap comes from LibMan-restored files in wwwroot/lib, and no page loads anything from a third-party
/// origin (RFC 9700 §4.2.4) — checked in Production, where Identity UI's own files would use CDNs.
/// </summary>
public sealed class StaticAssetTests
{
    [Fact]
    public void LibMan_EveryDeclaredFile_ExistsAtItsDestination()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "libman.json")));

        var libraries = manifest.RootElement.GetProperty("libraries").EnumerateArray().ToList();

        Assert.NotEmpty(libraries);
        Assert.Contains(libraries, l => l.GetProperty("library").GetString()!.StartsWith("bootstrap@5.", StringComparison.Ordinal));
        foreach (var library in libraries)
        {
            var destination = library.GetProperty("destination").GetString()!;
            Assert.StartsWith("OAuthPortal/wwwroot/lib/", destination);
            foreach (var file in library.GetProperty("files").EnumerateArray().Select(f => f.GetString()!))
            {
                var path = Path.Combine(RepositoryRoot.Path, destination, file);
                Assert.True(File.Exists(path), $"{library.GetProperty("library")}: {file} is declared but missing at {path}");
            }
        }
    }

    [Fact]
    public async Task Pages_InProduction_LoadBootstrapFromWwwrootLibAndNothingFromOtherOrigins()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:Issuer"] = "https://localhost" }, "Production");
        var user = await TestUsers.CreateAsync(factory, admin: true);
        var anonymous = factory.CreateClient();
        var signedIn = await SignIn.ClientForAsync(factory, user.Email!);

        var pages = new List<(HttpClient Client, string Path)>
        {
            (anonymous, "/"), (anonymous, "/Identity/Account/Login"), (anonymous, "/Identity/Account/Register"),
            (anonymous, "/Identity/Account/ForgotPassword"), (anonymous, "/Identity/Account/Lockout"), (anonymous, "/Status/404"),
            (signedIn, "/Identity/Account/Manage"), (signedIn, "/Identity/Account/Manage/ChangePassword"),
            (signedIn, "/Identity/Account/Manage/TwoFactorAuthentication"), (signedIn, "/Identity/Account/Manage/EnableAuthenticator"),
            (signedIn, "/Developer/Clients"), (signedIn, "/Developer/Clients/Create"), (signedIn, "/Account/Apps"), (signedIn, "/Admin"),
        };

        foreach (var (client, path) in pages)
        {
            var (response, page) = await Html.GetPageAsync(client, path);
            Html.AssertStatus(path == "/Status/404" ? HttpStatusCode.NotFound : HttpStatusCode.OK, response);
            AssertOnlySameOrigin(page, path);
            var css = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
            Assert.True(css.Any(href => href.StartsWith("/lib/bootstrap/dist/css/bootstrap.min", StringComparison.Ordinal)),
                $"{path} does not load Bootstrap from wwwroot/lib: {string.Join(", ", css)}");
        }
    }

    [Fact]
    public async Task BootstrapFiles_ReferencedByTheLayout_AreServed()
    {
        using var factory = new PortalFactory();
        var client = factory.CreateClient();
        var (_, page) = await Html.GetPageAsync(client, "/");

        var assets = page.QuerySelectorAll("link[rel=stylesheet], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).ToList();

        Assert.Contains(assets, a => a.Contains("/lib/bootstrap/dist/js/bootstrap.bundle.min", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            Html.AssertStatus(HttpStatusCode.OK, await client.GetAsync(asset));
        }
    }

    private static void AssertOnlySameOrigin(IDocument page, string path)
    {
        foreach (var url in page.ReferencedUrls())
        {
            var local = url.StartsWith('#') || (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)) ||
                        (!url.Contains(':') && !url.StartsWith("//", StringComparison.Ordinal));
            Assert.True(local, $"{path} references another origin: {url}");
        }

        Assert.DoesNotContain(page.QuerySelectorAll("script:not([src])"), s => s.TextContent.Trim().Length > 0);
    }
}
