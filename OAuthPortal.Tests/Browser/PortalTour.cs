using Microsoft.Playwright;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Browser;

/// <summary>
/// The portal's main pages with something on them, for checks that visit every page (accessibility, phone width,
/// screenshots): an admin who is also a developer with two clients (one authorized through the test callback, so the
/// token lists are not empty, one waiting on its consent page), and a visitor who is not signed in.
/// </summary>
public sealed class PortalTour
{
    /// <summary>One page: a short name (screenshot file names), its URL, and who looks at it.</summary>
    public sealed record Stop(string Name, string Url, IPage Person);

    private PortalTour(IPage admin, IPage visitor, IReadOnlyList<Stop> stops)
    {
        Admin = admin;
        Visitor = visitor;
        Stops = stops;
    }

    public IPage Admin { get; }

    public IPage Visitor { get; }

    public IReadOnlyList<Stop> Stops { get; }

    public Stop this[string name] => Stops.Single(s => s.Name == name);

    public static async Task<PortalTour> StartAsync(BrowserPortal world)
    {
        var admin = await world.NewPersonAsync();
        var visitor = await world.NewPersonAsync();
        var email = Unique.Email("admin");
        await TestUsers.CreateAsync(world.Portal.Factory, email, admin: true);
        await BrowserPortal.LogInAsync(admin, email);

        var printer = await BrowserPortal.RegisterClientAsync(admin, "https://photos.example.test/callback");
        await admin.GotoAsync(printer.DetailsUrl);
        await admin.ClickAsync("[data-test=use-test-callback]");
        await admin.Locator("[data-test=test-callback-registered]").WaitForAsync();
        await admin.ClickAsync("[data-test=quickstart-authorize-link]");
        await admin.ClickAsync("[data-test=accept]");
        await admin.Locator("[data-test=callback-code]").WaitForAsync();
        var callbackUrl = admin.Url;

        var calendar = await BrowserPortal.RegisterClientAsync(admin, "https://calendar.example.test/callback");
        await admin.GotoAsync(calendar.DetailsUrl);
        var consentUrl = await BrowserPortal.QuickstartAsync(admin, "authorize");

        return new PortalTour(admin, visitor,
        [
            new("home", "/", visitor),
            new("login", "/Identity/Account/Login", visitor),
            new("register", "/Identity/Account/Register", visitor),
            new("consent", consentUrl, admin),
            new("developer-clients", "/Developer/Clients", admin),
            new("developer-client", printer.DetailsUrl, admin),
            new("developer-callback", callbackUrl, admin),
            new("my-apps", "/Account/Apps", admin),
            new("account", "/Identity/Account/Manage", admin),
            new("admin-dashboard", "/Admin", admin),
            new("admin-tokens", "/Admin/Tokens", admin),
            new("admin-clients", "/Admin/Clients", admin),
            new("admin-users", "/Admin/Users", admin),
            new("admin-audit", "/Admin/Audit", admin),
        ]);
    }

    /// <summary>Both people's windows <paramref name="width"/> px wide (a phone's height below 600 px), their system theme <paramref name="theme"/>.</summary>
    public async Task SetWindowAsync(int width, ColorScheme theme)
    {
        foreach (var page in new[] { Admin, Visitor })
        {
            await page.SetViewportSizeAsync(width, width < 600 ? 844 : 800);
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = theme });
        }
    }

    /// <summary>Opens <paramref name="stop"/> and waits until it has loaded (and its theme is applied).</summary>
    public static async Task VisitAsync(Stop stop)
    {
        var response = await stop.Person.GotoAsync(stop.Url);
        Assert.True(response is { Ok: true }, $"{stop.Name}: {stop.Url} answered {response?.Status}");
        await stop.Person.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>The theme the page shows (the data-bs-theme theme.js put on the root element).</summary>
    public static Task<string?> ThemeAsync(IPage page) => page.Locator("html").GetAttributeAsync("data-bs-theme");
}
