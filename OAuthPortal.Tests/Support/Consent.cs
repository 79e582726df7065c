using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace OAuthPortal.Tests.Support;

/// <summary>Drives the consent page like a browser: GET the authorization URL, press Allow or Decline.</summary>
public static class Consent
{
    public static async Task<HttpResponseMessage> DecideAsync(HttpClient browser, string authorizeUrl, string button)
    {
        var (response, page) = await Html.GetPageAsync(browser, authorizeUrl);
        Html.AssertStatus(System.Net.HttpStatusCode.OK, response);
        var form = page.Form("form[data-test=consent-form]");
        var submitter = form.QuerySelector<IHtmlButtonElement>($"button[data-test={button}]")!;
        return await Html.SubmitAsync(browser, form, submitter: submitter);
    }

    public static Task<HttpResponseMessage> AcceptAsync(HttpClient browser, string authorizeUrl) => DecideAsync(browser, authorizeUrl, "accept");

    public static Task<HttpResponseMessage> DeclineAsync(HttpClient browser, string authorizeUrl) => DecideAsync(browser, authorizeUrl, "decline");
}
