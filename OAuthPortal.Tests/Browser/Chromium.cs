using Microsoft.Playwright;

namespace OAuthPortal.Tests.Browser;

/// <summary>
/// Debian's headless Chromium driven by Playwright, launched once for the "Browser" collection; each test opens
/// its own browser context (own cookies and storage), so tests share no state. Playwright's own browser download
/// cannot work here: the browser is the apt package <c>chromium</c> at <see cref="ExecutablePath"/>.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public static readonly string ExecutablePath = Environment.GetEnvironmentVariable("OAUTHPORTAL_CHROMIUM") ?? "/usr/bin/chromium";

    private static readonly string[] LaunchFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    /// <summary>How long any wait for a page, element or expectation may take (milliseconds).</summary>
    public const float Timeout = 60_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            return;
        }

        Assertions.SetDefaultExpectTimeout(Timeout);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath, Headless = true, Args = LaunchFlags,
        });
    }

    /// <summary>
    /// The browser; without Chromium the test is skipped locally, and fails in CI (CI=true), where .ci/run installs it.
    /// </summary>
    public IBrowser Require()
    {
        if (_browser is not null)
        {
            return _browser;
        }

        var message = $"Chromium is not installed at {ExecutablePath}: install the Debian package with `apt-get install -y chromium`.";
        if (OnCi)
        {
            throw new InvalidOperationException(message);
        }

        throw new SkipException(message);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "Browser";
}
