using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Authorization;

/// <summary>Authorization requests as POST bodies: from another site, and bodies no browser would send.</summary>
public sealed class AuthorizeBodyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Post_CrossSiteWithoutTheSignInCookie_IsRepeatedAsAGetThatTheSignedInBrowserCompletes()
    {
        // SameSite=Lax: a browser drops the sign-in cookie on the client site's cross-site POST, but sends it on the GET.
        var scenario = await OAuthScenario.CreateAsync(factory);
        var cookieless = factory.CreateClient();

        var response = await cookieless.PostAsync("/oauth2/authorize", new FormUrlEncodedContent(scenario.Parameters()));
        var location = OAuthAssert.RedirectsTo(response, "/oauth2/authorize?", HttpStatusCode.SeeOther);
        var (page, document) = await Html.GetPageAsync(scenario.Browser, response.Headers.Location!.OriginalString);

        Assert.Equal(scenario.Parameters(), location);
        Html.AssertStatus(HttpStatusCode.OK, page);
        Assert.NotNull(document.QuerySelector("form[data-test=consent-form]"));
    }

    [Theory]
    [InlineData("application/json", "{\"client_id\":\"x\"}")]
    [InlineData("text/plain", "client_id=x")]
    [InlineData(null, "client_id=x")]
    public async Task Post_BodyThatIsNotAForm_IsReadAsNoParametersNotAServerError(string? contentType, string body)
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);

        var response = await scenario.Browser.PostAsync("/oauth2/authorize", content);

        await OAuthAssert.ErrorPage(response, "missing_client_id");
    }

    [Fact]
    public async Task Post_MalformedMultipartBody_IsTheMalformedRequestPage()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var content = new StringContent("--b\r\nContent-Disposition: form-data; name=\"client_id\"\r\n\r\nx\r\n", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        var response = await scenario.Browser.PostAsync("/oauth2/authorize", content);

        await OAuthAssert.ErrorPage(response, "malformed_request");
    }

    [Fact]
    public async Task Post_MoreFieldsThanTheFormLimit_IsTheMalformedRequestPage()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var fields = Enumerable.Range(0, 2000).Select(i => new KeyValuePair<string, string>($"f{i}", "v"));

        var response = await scenario.Browser.PostAsync("/oauth2/authorize", new FormUrlEncodedContent(fields));

        await OAuthAssert.ErrorPage(response, "malformed_request");
    }

    [Fact]
    public async Task Accept_MalformedBody_IsTheMalformedRequestPageAndNoCode()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var fields = Enumerable.Range(0, 2000).Select(i => new KeyValuePair<string, string>($"f{i}", "v"));

        var response = await scenario.Browser.PostAsync("/oauth2/authorize?handler=Accept", new FormUrlEncodedContent(fields));

        await OAuthAssert.ErrorPage(response, "malformed_request");
    }

    [Fact]
    public async Task Get_PromptListContainingConsent_ShowsThePageEvenWhenRemembered()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl());

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("prompt", "create consent"))); // an unknown value is ignored

        Html.AssertStatus(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task Get_RememberedConsentOfAPublicLoopbackClient_AsksAgain()
    {
        // RFC 8252 §8.6: any local program can use a native app's client_id, so its consent is never assumed.
        var scenario = await OAuthScenario.CreateAsync(factory, OAuthPortal.Data.ClientType.Public, redirectUris: ["http://127.0.0.1:7000/cb"]);
        await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl());

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());

        Html.AssertStatus(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task Get_RememberedConsentOfAPublicHttpsClient_RedirectsAtOnce()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, OAuthPortal.Data.ClientType.Public);
        await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl());

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());

        Assert.Contains("code", OAuthAssert.RedirectsTo(response, scenario.RedirectUri + "?").Keys);
    }
}
