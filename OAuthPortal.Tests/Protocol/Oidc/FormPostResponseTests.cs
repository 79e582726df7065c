using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Oidc;

/// <summary>response_mode=form_post (OAuth 2.0 Form Post Response Mode §2): the response as a form the browser posts to the redirect URI.</summary>
public sealed class FormPostResponseTests : IClassFixture<PortalFactory>
{
    private const string Callback = "https://client.example.test/callback";
    private readonly PortalFactory _factory;

    public FormPostResponseTests(PortalFactory factory) => _factory = factory;

    private static async Task<Dictionary<string, string>> PostedFieldsAsync(HttpResponseMessage response)
    {
        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Null(response.Headers.Location);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var page = await Html.ParseAsync(response);
        var form = page.QuerySelector<IHtmlFormElement>("form[data-auto-submit]")!;
        Assert.Equal("post", form.Method);
        Assert.Equal(Callback, form.Action);
        // CSP-compatible: the only script is the portal's own file, nothing inline.
        Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src") && s.TextContent.Length == 0));
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        return form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToDictionary(i => i.Name!, i => i.Value);
    }

    [Fact]
    public async Task Accept_FormPost_AnswersWithAFormCarryingCodeStateAndIssuer()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory, scopeCount: 0, sharedScopes: ["openid"]);

        var fields = await PostedFieldsAsync(await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl(("response_mode", "form_post"))));

        Assert.Equal(["code", "state", "iss"], fields.Keys);
        Assert.Equal(OAuthScenario.State, fields["state"]);
        Assert.Equal("https://localhost", fields["iss"]);
        var reply = await TokenEndpoint.TokenAsync(_factory.CreateClient(), TokenEndpoint.CodeForm(scenario, fields["code"]));
        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
    }

    [Fact]
    public async Task Error_FormPost_IsPostedToo()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory, scopeCount: 0, sharedScopes: ["openid"]);

        var fields = await PostedFieldsAsync(await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("response_mode", "form_post"), ("prompt", "none"))));

        Assert.Equal("consent_required", fields["error"]);
        Assert.Equal(OAuthScenario.State, fields["state"]);
    }

    [Fact]
    public async Task ResponseMode_Unsupported_RedirectsInvalidRequestInTheQuery()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory, scopeCount: 0, sharedScopes: ["openid"]);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("response_mode", "fragment")));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_request");
    }

    [Fact]
    public async Task FormPost_StateWithMarkup_IsEncodedNotInterpreted()
    {
        var scenario = await OAuthScenario.CreateAsync(_factory, scopeCount: 0, sharedScopes: ["openid"]);
        const string state = "\"><script>alert(1)</script>";

        var fields = await PostedFieldsAsync(await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl(("response_mode", "form_post"), ("state", state))));

        Assert.Equal(state, fields["state"]);
    }
}
