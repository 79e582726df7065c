using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// A browser over real sockets for the third-party tests: one cookie jar for every origin (cookies are per host,
/// not per port, RFC 6265 §8.5, so the portal's and a client app's cookies on 127.0.0.1 share it, as in a real
/// browser), no redirect followed by itself, and every request it makes recorded in <see cref="Hops"/>.
/// </summary>
public sealed class SocketBrowser : IDisposable
{
    private const int MaxRedirects = 10;

    public SocketBrowser() =>
        Http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false });

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    /// <summary>"GET url" or "POST url" for every request, in order.</summary>
    public List<string> Hops { get; } = [];

    public Task<HttpResponseMessage> GetAsync(string url) => GetAsync(new Uri(url, UriKind.Absolute));

    public Task<HttpResponseMessage> GetAsync(Uri url)
    {
        Hops.Add($"GET {url}");
        return Http.GetAsync(url);
    }

    /// <summary>Submits a form of the page (antiforgery token included) as a browser would.</summary>
    public Task<HttpResponseMessage> SubmitAsync(IHtmlFormElement form, IDictionary<string, string>? values = null, IHtmlElement? submitter = null)
    {
        // Html.SubmitAsync posts a submit button's formaction as written; this client has no base address to resolve it.
        if (submitter?.GetAttribute("formaction") is { Length: > 0 } formAction)
        {
            submitter.SetAttribute("formaction", new Uri(new Uri(form.Owner!.DocumentUri), formAction).AbsoluteUri);
        }

        Hops.Add($"POST {submitter?.GetAttribute("formaction") ?? form.Action}");
        return Html.SubmitAsync(Http, form, values, submitter);
    }

    /// <summary>Follows redirects with GET (as a browser does for 302 and 303) until a response that is not one.</summary>
    public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response)
    {
        for (var i = 0; IsRedirect(response); i++)
        {
            Assert.True(i < MaxRedirects, "Too many redirects: " + string.Join(" -> ", Hops));
            response = await GetAsync(Location(response));
        }

        return response;
    }

    /// <summary>The absolute target of a redirect.</summary>
    public static Uri Location(HttpResponseMessage response)
    {
        Assert.True(response.Headers.Location is not null, $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri} has no Location");
        return new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
    }

    public static bool IsRedirect(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.MovedPermanently;

    /// <summary>Signs in on the portal's login page, whose form the browser is shown at <paramref name="loginPage"/>.</summary>
    public async Task<HttpResponseMessage> LogInAsync(HttpResponseMessage loginPage, string email, string password = TestUsers.Password)
    {
        Html.AssertStatus(HttpStatusCode.OK, loginPage);
        var page = await Html.ParseAsync(loginPage);
        return await SubmitAsync(page.Form("form#account"), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    /// <summary>Signs in on the portal directly (GET the login page, post it); asserts the redirect that means success.</summary>
    public async Task SignInAsync(KestrelPortal portal, string email)
    {
        var response = await LogInAsync(await GetAsync(portal.Origin + "/Identity/Account/Login"), email);
        Html.AssertStatus(HttpStatusCode.Redirect, response);
    }

    /// <summary>Presses Allow or Decline on a consent page the browser was just shown.</summary>
    public async Task<HttpResponseMessage> DecideAsync(HttpResponseMessage consentPage, string button = "accept")
    {
        Html.AssertStatus(HttpStatusCode.OK, consentPage);
        var page = await Html.ParseAsync(consentPage);
        var form = page.Form("form#consent-form");
        return await SubmitAsync(form, submitter: form.QuerySelector<IHtmlButtonElement>($"button[data-test={button}]")!);
    }

    public void Dispose() => Http.Dispose();
}
