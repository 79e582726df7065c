using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Hardening;

/// <summary>
/// Deliberate limits on a real Kestrel socket: a megabyte in a parameter is refused at once with a client error, never
/// read into memory, never a 500; Kestrel's own limits are the ones appsettings.json sets.
/// </summary>
public sealed class ResourceLimitTests
{
    private static KestrelPortal Portal(ListLoggerProvider logs) =>
        KestrelPortal.Start(configureServices: services => services.AddSingleton<ILoggerProvider>(logs));

    private static StringContent Form(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");

    [Fact]
    public void Kestrel_Limits_AreTheOnesAppsettingsSets()
    {
        using var portal = Portal(new ListLoggerProvider());

        var limits = portal.Factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(1024 * 1024, limits.MaxRequestBodySize);
        Assert.Equal(8192, limits.MaxRequestLineSize);
        Assert.Equal(32 * 1024, limits.MaxRequestHeadersTotalSize);
        Assert.Equal(100, limits.MaxRequestHeaderCount);
        Assert.Equal(TimeSpan.FromSeconds(15), limits.RequestHeadersTimeout);
    }

    [Theory]
    [InlineData("/oauth2/token")]
    [InlineData("/oauth2/revoke")]
    [InlineData("/oauth2/introspect")]
    public async Task OAuthEndpoints_AMegabyteScopeOrTooManyOrTooLongFields_AreInvalidRequest(string path)
    {
        var logs = new ListLoggerProvider();
        using var portal = Portal(logs);
        using var http = portal.CreateHttpClient();

        var bodies = new[]
        {
            "grant_type=refresh_token&scope=" + new string('a', 1024 * 1024), // over the endpoint's 64 KB
            "grant_type=refresh_token&scope=" + new string('a', 40 * 1024), // one value over 32 KB
            string.Join('&', Enumerable.Range(0, 300).Select(i => $"k{i}=v")), // over 256 fields
        };
        foreach (var body in bodies)
        {
            var response = await http.PostAsync(path, Form(body));

            Html.AssertStatus(HttpStatusCode.BadRequest, response);
            Assert.Equal("invalid_request", JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).GetProperty("error").GetString());
        }

        Assert.Empty(logs.ServerFaults);
    }

    [Fact]
    public async Task Authorize_AMegabyteStateInTheUrlOrTheBody_IsAClientErrorAtOnce()
    {
        var logs = new ListLoggerProvider();
        using var portal = Portal(logs);
        using var http = portal.CreateHttpClient();
        var state = new string('s', 1024 * 1024);

        var inTheUrl = await http.GetAsync("/oauth2/authorize?response_type=code&client_id=x&state=" + state);
        var inTheBody = await http.PostAsync("/oauth2/authorize", Form("response_type=code&client_id=x&state=" + state));

        Html.AssertStatus(HttpStatusCode.RequestUriTooLong, inTheUrl); // Kestrel: a request line over 8 KB
        Html.AssertStatus(HttpStatusCode.BadRequest, inTheBody);
        Assert.Empty(logs.ServerFaults);
    }

    [Fact]
    public async Task SignedInForm_BodyOverAMegabyte_IsABadRequestNotAServerError()
    {
        var logs = new ListLoggerProvider();
        using var portal = Portal(logs);
        var admin = await TestUsers.CreateAsync(portal.Factory, admin: true);
        using var browser = portal.CreateBrowser(System.Net.IPAddress.Loopback);
        await SignIn.PostLoginAsync(browser, admin.Email!, TestUsers.Password);
        var (_, page) = await Html.GetPageAsync(browser, "/Admin/Scopes");

        var response = await Html.SubmitAsync(browser, page.Form("form#create-scope"), new Dictionary<string, string>
        {
            ["Input.Name"] = "big", ["Input.Description"] = new string('d', 2 * 1024 * 1024),
        });

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Empty(logs.ServerFaults);
    }
}
