using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace OAuthPortal.Tests.Support;

/// <summary>Signs in through the real Identity login page.</summary>
public static class SignIn
{
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var url = "/Identity/Account/Login" + (returnUrl is null ? "" : $"?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var (_, page) = await Html.GetPageAsync(client, url);
        return await Html.SubmitAsync(client, page.Form("form#account"), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    /// <summary>A client holding the sign-in cookie of <paramref name="email"/>.</summary>
    public static async Task<HttpClient> ClientForAsync(PortalFactory factory, string email, string password = TestUsers.Password)
    {
        var client = factory.CreateClient();
        var response = await PostLoginAsync(client, email, password);
        Html.AssertStatus(HttpStatusCode.Redirect, response);
        return client;
    }

    /// <summary>
    /// The Cookie header of a fresh https sign-in, for a client that talks plain http to the portal (as a
    /// TLS-terminating proxy does): HttpClient would not send Secure cookies over http by itself.
    /// </summary>
    public static async Task<string> CookieHeaderAsync(PortalFactory factory, string email, string password = TestUsers.Password)
    {
        var login = await PostLoginAsync(factory.CreateClient(), email, password);
        Html.AssertStatus(HttpStatusCode.Redirect, login);
        return string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    /// <summary>
    /// A browser signed in as <paramref name="email"/> whose cookie jar the test can read, e.g. to keep a copy of the
    /// sign-in cookie and present it later from another client (<see cref="WithCookies"/>).
    /// </summary>
    public static async Task<(HttpClient Browser, CookieContainer Cookies)> BrowserWithCookiesAsync(PortalFactory factory, string email, string? userAgent = null)
    {
        var cookies = new CookieContainer();
        var browser = factory.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies));
        if (userAgent is not null)
        {
            browser.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        }

        Html.AssertStatus(HttpStatusCode.Redirect, await PostLoginAsync(browser, email, TestUsers.Password));
        return (browser, cookies);
    }

    /// <summary>A client that sends exactly <paramref name="cookieHeader"/> (a saved copy of a browser's cookies) and keeps no cookies of its own.</summary>
    public static HttpClient WithCookies(PortalFactory factory, string cookieHeader)
    {
        var client = new HttpClient(factory.Server.CreateHandler()) { BaseAddress = new Uri("https://localhost") };
        client.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        return client;
    }

    /// <summary>A plain-http client signed in as <paramref name="email"/>.</summary>
    public static async Task<HttpClient> HttpClientForAsync(PortalFactory factory, string email)
    {
        var http = new HttpClient(factory.Server.CreateHandler()) { BaseAddress = new Uri("http://localhost") };
        http.DefaultRequestHeaders.Add("Cookie", await CookieHeaderAsync(factory, email));
        return http;
    }
}
