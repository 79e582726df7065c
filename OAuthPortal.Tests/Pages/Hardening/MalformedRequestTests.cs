using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Hardening;

/// <summary>
/// Requests no browser or client library would send: form keys with an unmatched '[' (which jQuery-style model binding
/// threw on) and requests without a Host. Each is a client error, never a 500 and never a stack trace in the log.
/// </summary>
public sealed class MalformedRequestTests
{
    public static readonly TheoryData<string> BracketBodies = new() { "a[=1", "a[b=1", "[=1", "a[0]=1&a[x=2", "Input[=x" };

    private static PortalFactory Portal(ListLoggerProvider logs, IDictionary<string, string?>? settings = null, string environment = "Testing") =>
        PortalFactory.With(settings ?? new Dictionary<string, string?>(), environment, services => services.AddSingleton<ILoggerProvider>(logs));

    private static Task<HttpResponseMessage> PostRawFormAsync(HttpClient http, string path, string body) =>
        http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));

    [Theory]
    [MemberData(nameof(BracketBodies))]
    public async Task OAuthEndpoints_FormKeyWithAnUnmatchedBracket_AnswerTheirJsonError(string body)
    {
        var logs = new ListLoggerProvider();
        using var factory = Portal(logs);
        var http = factory.CreateClient();

        foreach (var path in new[] { "/oauth2/token", "/oauth2/revoke", "/oauth2/introspect" })
        {
            var response = await PostRawFormAsync(http, path, body);

            Assert.True((int)response.StatusCode is 400 or 401, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).TryGetProperty("error", out _));
        }

        Assert.Empty(logs.ServerFaults);
    }

    [Theory]
    [MemberData(nameof(BracketBodies))]
    public async Task AnonymousPages_FormKeyWithAnUnmatchedBracket_AreClientErrors(string body)
    {
        var logs = new ListLoggerProvider();
        using var factory = Portal(logs);
        var http = factory.CreateClient();

        var answers = new Dictionary<string, HttpStatusCode>();
        foreach (var path in new[] { "/Identity/Account/Login", "/Identity/Account/Register", "/Identity/Account/ForgotPassword",
                     "/oauth2/authorize", "/oauth2/authorize?handler=Accept", "/healthz", "/nonexistent", "/css/site.css", "/Status/404" })
        {
            answers[path] = (await PostRawFormAsync(http, path, body)).StatusCode;
        }

        Assert.All(answers, a => Assert.True((int)a.Value is >= 300 and < 500, $"{a.Key}: {(int)a.Value}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, answers["/healthz"]);
        Assert.True(answers["/nonexistent"] is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);
        Assert.Empty(logs.ServerFaults);
    }

    [Theory]
    [InlineData("/Developer/Clients/Create", "form#client-form")]
    [InlineData("/Admin/Scopes", "form#create-scope")]
    [InlineData("/Identity/Account/Manage/DeletePersonalData", "form#delete-user")]
    [InlineData("/Identity/Account/Manage/ChangePassword", "form#change-password-form")]
    [InlineData("/Identity/Account/Manage", "form#profile-form")]
    public async Task SignedInForms_ValidAntiforgeryAndAnUnmatchedBracketKey_AreHandledWithoutAServerError(string page, string form)
    {
        var logs = new ListLoggerProvider();
        using var factory = Portal(logs);
        var admin = await TestUsers.CreateAsync(factory, admin: true);
        var browser = await SignIn.ClientForAsync(factory, admin.Email!);
        var (_, document) = await Html.GetPageAsync(browser, page);

        foreach (var key in new[] { "a[", "a[b", "[", "Input[", "Input.Name[x" })
        {
            var response = await Html.SubmitAsync(browser, document.Form(form), new Dictionary<string, string> { [key] = "x", ["Input.Password"] = "wrong" });

            Assert.True((int)response.StatusCode < 500, $"{key}: {(int)response.StatusCode}");
        }

        Assert.Empty(logs.ServerFaults);
    }

    [Fact]
    public async Task TokenEndpoint_ProductionOverPlainHttpWithAnUnmatchedBracket_IsTheJsonInvalidRequest()
    {
        var logs = new ListLoggerProvider();
        using var factory = Portal(logs, new Dictionary<string, string?> { ["OAuth:Issuer"] = "https://localhost" }, "Production");
        var http = factory.CreateClient(new() { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        var response = await PostRawFormAsync(http, "/oauth2/token", "a[=1");

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Equal("invalid_request", JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).GetProperty("error").GetString());
        Assert.Empty(logs.ServerFaults);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/oauth2/error")]
    [InlineData("/Status/404")]
    public async Task Request_WithAHostThatCannotBeAnOrigin_Is400(string path)
    {
        var logs = new ListLoggerProvider();
        using var portal = KestrelPortal.Start(configureServices: services => services.AddSingleton<ILoggerProvider>(logs));

        var noHost = await RawHttp.SendAsync(portal.BaseAddress, $"GET {path} HTTP/1.0\r\n\r\n");
        var answers = new List<int> { noHost.StatusCode };
        foreach (var host in new[] { "", "xn--garbage", "127.0.0.1:99999", "[::1" })
        {
            answers.Add((await RawHttp.SendAsync(portal.BaseAddress, $"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")).StatusCode);
        }

        Assert.All(answers, status => Assert.Equal(400, status));
        Assert.Empty(logs.ServerFaults);
    }

    [Theory]
    [InlineData("on", HttpStatusCode.Redirect)] // what a checkbox without a value attribute sends
    [InlineData("abc", HttpStatusCode.OK)] // refused: the form again, the box unchecked
    public async Task Login_RememberMeCheckboxWithABrowserOrAGarbageValue_IsNoServerError(string value, HttpStatusCode expected)
    {
        var logs = new ListLoggerProvider();
        using var factory = Portal(logs);
        var user = await TestUsers.CreateAsync(factory);
        var client = factory.CreateClient();
        var (_, page) = await Html.GetPageAsync(client, "/Identity/Account/Login");

        var response = await Html.SubmitAsync(client, page.Form("form#account"), new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!, ["Input.Password"] = TestUsers.Password, ["Input.RememberMe"] = value,
        });

        Html.AssertStatus(expected, response);
        Assert.Empty(logs.ServerFaults);
    }

    [Fact]
    public async Task Page_MethodNoHandlerTakes_Is405WithAllowInsteadOfRenderingAnEmptyModel()
    {
        var logs = new ListLoggerProvider();
        using var factory = Portal(logs);
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);

        var trace = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Trace, "/Account/Apps/some-client/Revoke"));
        var postToAGetOnlyPage = await PostRawFormAsync(browser, "/Admin/Users", "a=1");

        Html.AssertStatus(HttpStatusCode.MethodNotAllowed, trace);
        Assert.Contains("POST", trace.Content.Headers.Allow);
        Assert.True((int)postToAGetOnlyPage.StatusCode is 400 or 403 or 405); // antiforgery or the role come first
        Assert.Empty(logs.ServerFaults);
    }

    [Fact]
    public async Task Metadata_HeadWithAMadeUpHandler_IsAnsweredLikeGet()
    {
        var logs = new ListLoggerProvider();
        using var factory = Portal(logs);

        var response = await factory.CreateClient().SendAsync(
            new HttpRequestMessage(HttpMethod.Head, "/.well-known/oauth-authorization-server?handler=MethodNotAllowed"));

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Empty(logs.ServerFaults);
    }

    [Theory]
    [InlineData("/Identity/Account/ExternalLogin", "form#account", "provider", "nope")]
    [InlineData("/Identity/Account/Manage/ExternalLogins?handler=LinkLogin", "form#profile-form", "provider", "nope")]
    [InlineData("/Identity/Account/Manage/ExternalLogins?handler=RemoveLogin", "form#profile-form", "providerKey", "x")]
    public async Task ExternalLoginPages_UnknownOrMissingProvider_Are400(string action, string tokenForm, string field, string value)
    {
        var logs = new ListLoggerProvider();
        using var factory = Portal(logs);
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        var (_, page) = await Html.GetPageAsync(browser, tokenForm == "form#account" ? "/Identity/Account/Login" : "/Identity/Account/Manage");
        var form = page.Form(tokenForm);
        form.Action = action;

        var response = await Html.SubmitAsync(browser, form, new Dictionary<string, string> { [field] = value });

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Empty(logs.ServerFaults);
    }

    [Fact]
    public async Task Pages_TamperedAntiforgeryAndTempDataCookies_AreNotLoggedAsServerFaults()
    {
        var logs = new ListLoggerProvider();
        using var factory = Portal(logs);
        var client = factory.CreateDefaultClient(new Uri("https://localhost"));
        client.DefaultRequestHeaders.Add("Cookie",
            ".AspNetCore.Antiforgery.x=garbage; .AspNetCore.Mvc.CookieTempDataProvider=CfDJ8garbage; .AspNetCore.Identity.Application=garbage");

        var login = await client.GetAsync("/Identity/Account/Login");
        var home = await client.GetAsync("/");

        Html.AssertStatus(HttpStatusCode.OK, login);
        Html.AssertStatus(HttpStatusCode.OK, home);
        Assert.Empty(logs.ServerFaults);
    }
}
