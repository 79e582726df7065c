using Duende.IdentityModel.OidcClient.Browser;
using Microsoft.Playwright;
using IOidcBrowser = Duende.IdentityModel.OidcClient.Browser.IBrowser;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// OidcClient's system browser, played by a Chromium tab: opens the authorization (or end-session) URL OidcClient
/// made, lets <paramref name="person"/> do what a person does on the portal's pages (log in, Allow), and hands back the
/// URL the portal redirected to once the tab reaches OidcClient's redirect URI (a real listener answers there).
/// </summary>
public sealed class ChromiumLoginBrowser(IPage page, Func<IPage, Task> person) : IOidcBrowser
{
    /// <summary>What the person does on the portal's pages next time; nothing (a logout that needs no answer, say) when null.</summary>
    public Func<IPage, Task>? Person { get; set; } = person;

    public IPage Page => page;

    /// <summary>Every URL OidcClient asked the browser to open.</summary>
    public List<string> StartUrls { get; } = [];

    private static readonly TimeSpan EndUrlTimeout = TimeSpan.FromSeconds(60);

    public async Task<BrowserResult> InvokeAsync(BrowserOptions options, CancellationToken cancellationToken = default)
    {
        StartUrls.Add(options.StartUrl);
        await page.GotoAsync(options.StartUrl);
        if (Person is not null)
        {
            await Person(page);
        }

        // The URL is all OidcClient needs: wait for the navigation to commit there, not for the listener's page to
        // finish loading (on a busy machine its load event once never came within a minute). Polled rather than
        // WaitForURLAsync: when the tab is already there, that waits for the load event after all.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!page.Url.StartsWith(options.EndUrl, StringComparison.Ordinal))
        {
            if (waited.Elapsed > EndUrlTimeout)
            {
                throw new TimeoutException($"The tab did not reach {options.EndUrl} within {EndUrlTimeout.TotalSeconds} s; it is at {page.Url}.");
            }

            await Task.Delay(25, cancellationToken);
        }

        return new BrowserResult { ResultType = BrowserResultType.Success, Response = page.Url };
    }
}
