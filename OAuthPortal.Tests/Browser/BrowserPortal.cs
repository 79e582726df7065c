using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OAuthPortal.Management.Clients;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Browser;

/// <summary>
/// One test's world: the real portal on Kestrel (its own SQLite file), and the steps people take in it, done in
/// Chromium through the pages (fill, click), never by posting forms ourselves. Each person gets a fresh browser
/// context, so cookies never leak between people or tests.
/// </summary>
public sealed partial class BrowserPortal : IAsyncDisposable
{
    private readonly IBrowser _browser;
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<string> _consoleErrors = [];

    private BrowserPortal(IBrowser browser, KestrelPortal portal)
    {
        _browser = browser;
        Portal = portal;
    }

    public KestrelPortal Portal { get; }

    /// <summary>
    /// What the browser complained about on any page (CSP violations, assets refused for a wrong MIME type, failed
    /// requests): a page that renders but breaks its own policy shows up here.
    /// </summary>
    public IReadOnlyList<string> ConsoleErrors => _consoleErrors;

    /// <summary>The portal on Kestrel for a Chromium browser (the sample API's scope, <c>profile</c>, is built in).</summary>
    public static Task<BrowserPortal> StartAsync(Chromium chromium) => Task.FromResult(new BrowserPortal(chromium.Require(), KestrelPortal.Start()));

    /// <summary>The same with settings (configuration keys such as "OAuth:DevicePollingInterval") and services of its own.</summary>
    public static Task<BrowserPortal> StartAsync(Chromium chromium, IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null) =>
        Task.FromResult(new BrowserPortal(chromium.Require(), KestrelPortal.Start(settings, configureServices)));

    /// <summary>A new person at a new browser (own cookies), with a tab open; by default a 1280 px wide window and a light system theme.</summary>
    public async Task<IPage> NewPersonAsync(int width = 1280, int height = 900, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.Origin, ViewportSize = new ViewportSize { Width = width, Height = height }, ColorScheme = colorScheme,
        });
        // Generous: on 2 busy cores (the rest of the suite runs alongside) a page can take seconds; a wait only ends early.
        context.SetDefaultTimeout(Chromium.Timeout);
        context.SetDefaultNavigationTimeout(Chromium.Timeout);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _consoleErrors.Add($"{page.Url}: {error}");
        return page;
    }

    public static async Task RegisterAsync(IPage page, string email)
    {
        await page.GotoAsync("/Identity/Account/Register");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", TestUsers.Password);
        await page.FillAsync("#Input_ConfirmPassword", TestUsers.Password);
        await page.ClickAsync("#registerSubmit");
        // The portal does not say whether an address was taken: it asks every new user to log in.
        await LogInHereAsync(page, email);
        await page.Locator("[data-test=nav-logout]").WaitForAsync();
    }

    /// <summary>Fills and sends the login form the page is showing (after a redirect to it, say).</summary>
    public static async Task LogInHereAsync(IPage page, string email)
    {
        await page.Locator("form#account").WaitForAsync();
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", TestUsers.Password);
        await page.ClickAsync("form#account button[type=submit]");
    }

    public static async Task LogInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await LogInHereAsync(page, email);
        await page.Locator("[data-test=nav-logout]").WaitForAsync();
    }

    public sealed record RegisteredClient(string ClientId, string Secret, string DetailsUrl);

    /// <summary>In the developer area: register a confidential client and read its secret from the one-time page.</summary>
    public static async Task<RegisteredClient> RegisterClientAsync(IPage page, string redirectUri)
    {
        await page.GotoAsync("/");
        await page.ClickAsync("[data-test=nav-developer]");
        await page.ClickAsync("[data-test=register-client]");
        await page.FillAsync("[name='Input.Name']", "Photo Printer " + Guid.NewGuid().ToString("N")[..6]);
        await page.FillAsync("[name='Input.Description']", "Prints the photos you choose.");
        await page.FillAsync("[name='Input.RedirectUris']", redirectUri);
        await page.CheckAsync("#type-confidential");
        await page.ClickAsync("[data-test=create-submit]");
        await Assertions.Expect(page).ToHaveURLAsync(SecretPage());
        await page.Locator("[data-test=client-secret]").WaitForAsync();
        var secret = (await page.Locator("[data-test=client-secret]").InnerTextAsync()).Trim();
        var clientId = SecretPage().Match(page.Url).Groups[1].Value;
        return new RegisteredClient(clientId, secret, $"/Developer/Clients/{clientId}");
    }

    /// <summary>The quickstart's text for <paramref name="item"/> (authorize, exchange, api...) on the client's page.</summary>
    public static async Task<string> QuickstartAsync(IPage page, string item) =>
        (await page.Locator($"[data-test=quickstart-{item}]").InnerTextAsync()).Trim();

    /// <summary>A developer registers a client whose redirect URI is <paramref name="redirectUri"/>; returns it and its page.</summary>
    public async Task<(RegisteredClient Client, IPage Page)> DeveloperWithClientAsync(string redirectUri)
    {
        var developer = await NewPersonAsync();
        await RegisterAsync(developer, Unique.Email("developer"));
        var client = await RegisterClientAsync(developer, redirectUri);
        await developer.GotoAsync(client.DetailsUrl);
        return (client, developer);
    }

    public sealed record Authorized(string AccessToken, string RefreshToken, IReadOnlyDictionary<string, string> Callback);

    /// <summary>
    /// The whole code flow for <paramref name="email"/> (a new user): the developer's quickstart URL in the user's browser,
    /// log in, Allow on the consent page, the callback, then the quickstart's code exchange (with its PKCE verifier).
    /// </summary>
    public async Task<(Authorized Tokens, IPage User, RegisteredClient Client)> AuthorizeNewUserAsync(string email, CallbackListener callback,
        Func<IPage, Task>? onConsentPage = null)
    {
        var (client, developer) = await DeveloperWithClientAsync(callback.RedirectUri);
        var authorizeUrl = await QuickstartAsync(developer, "authorize");
        var exchange = await QuickstartAsync(developer, "exchange");
        await TestUsers.CreateAsync(Portal.Factory, email);

        var user = await NewPersonAsync();
        await user.GotoAsync(authorizeUrl);
        await LogInHereAsync(user, email);
        await user.Locator("form#consent-form").WaitForAsync();
        if (onConsentPage is not null)
        {
            await onConsentPage(user);
        }

        await user.ClickAsync("[data-test=accept]");
        var received = await callback.ReceivedAsync();
        await Assertions.Expect(user).ToHaveURLAsync(new Regex("^" + Regex.Escape(callback.RedirectUri) + @"\?"));

        var tokens = await ExchangeAsync(client, received["code"], callback.RedirectUri, CodeVerifier().Match(exchange).Groups[1].Value);
        return (new Authorized(tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("refresh_token").GetString()!, received), user, client);
    }

    /// <summary>The code exchange at the token endpoint, as the client's back end does it (HTTP Basic).</summary>
    public async Task<JsonElement> ExchangeAsync(RegisteredClient client, string code, string redirectUri, string codeVerifier)
    {
        using var http = Portal.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri, ["code_verifier"] = codeVerifier,
            }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            $"{Uri.EscapeDataString(client.ClientId)}:{Uri.EscapeDataString(client.Secret)}")));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"token endpoint: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    /// <summary>GET /api/me with a bearer token.</summary>
    public async Task<HttpResponseMessage> CallApiAsync(string accessToken)
    {
        using var http = Portal.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new("Bearer", accessToken);
        return await http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        Portal.Dispose();
    }

    [GeneratedRegex("/Developer/Clients/([A-Za-z0-9_-]+)/Secret$")]
    private static partial Regex SecretPage();

    [GeneratedRegex("code_verifier=([A-Za-z0-9._~-]+)")]
    private static partial Regex CodeVerifier();
}
