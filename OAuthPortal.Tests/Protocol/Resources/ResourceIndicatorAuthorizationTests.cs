using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Resources;

/// <summary>RFC 8707 §2 at the authorization and pushed authorization request endpoints: which <c>resource</c> values are refused, and how.</summary>
public sealed class ResourceIndicatorAuthorizationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Callback = "https://client.example.test/callback";

    [Fact]
    public async Task Authorize_UnknownResource_RedirectsInvalidTarget()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(ProtectedResources.WithResources(scenario.AuthorizeUrl(), "https://unknown.example.test/api"));

        var query = OAuthAssert.ErrorRedirect(response, Callback, "invalid_target");
        Assert.Contains("'https://unknown.example.test/api'", query["error_description"]);
    }

    [Theory]
    [InlineData("https://localhost/api#part")]
    [InlineData("/api")]
    [InlineData("api")]
    [InlineData("")]
    public async Task Authorize_MalformedResource_RedirectsInvalidTarget(string resource)
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(ProtectedResources.WithResources(scenario.AuthorizeUrl(), resource));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_target");
    }

    [Fact]
    public async Task Authorize_ElevenResources_RedirectsInvalidTarget()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var resources = Enumerable.Range(0, 11).Select(i => $"https://localhost/api{i}").ToArray();

        var response = await scenario.Browser.GetAsync(ProtectedResources.WithResources(scenario.AuthorizeUrl(), resources));

        var query = OAuthAssert.ErrorRedirect(response, Callback, "invalid_target");
        Assert.Contains("At most 10", query["error_description"]);
    }

    [Fact]
    public async Task Authorize_SampleApiAndARegisteredResource_ShowsConsent()
    {
        // The parameter repeats (RFC 8707 §2): not refused as a repeated parameter; the sample API is always known.
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 0, sharedScopes: ["profile"]);
        var registered = await ProtectedResources.RegisterAsync(factory);

        var response = await scenario.Browser.GetAsync(ProtectedResources.WithResources(scenario.AuthorizeUrl(), registered, ProtectedResources.SampleApi));

        Html.AssertStatus(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task Authorize_ScopeTheResourceDoesNotAccept_RedirectsInvalidScopeNamingIt()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var resource = await ProtectedResources.RegisterAsync(factory, scenario.Scopes[0]);

        var response = await scenario.Browser.GetAsync(ProtectedResources.WithResources(scenario.AuthorizeUrl(), resource));

        var query = OAuthAssert.ErrorRedirect(response, Callback, "invalid_scope");
        Assert.Contains($"'{scenario.Scopes[1]}'", query["error_description"]);
        Assert.DoesNotContain($"'{scenario.Scopes[0]}'", query["error_description"]);
    }

    [Fact]
    public async Task Authorize_ScopesAcceptedByOneResourceEachAndOpenId_ShowsConsent()
    {
        // Each scope needs one named resource that accepts it; OpenID Connect scopes are the portal's own.
        var scenario = await OAuthScenario.CreateAsync(factory, sharedScopes: ["openid"]);
        var first = await ProtectedResources.RegisterAsync(factory, scenario.Scopes[0]);
        var second = await ProtectedResources.RegisterAsync(factory, scenario.Scopes[1]);

        var response = await scenario.Browser.GetAsync(ProtectedResources.WithResources(scenario.AuthorizeUrl(("nonce", "n-1")), first, second));

        Html.AssertStatus(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task Authorize_SampleApiWithAScopeItDoesNotDeclare_RedirectsInvalidScope()
    {
        // The sample API accepts the scopes it declares (profile, status), nothing else.
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1);

        var response = await scenario.Browser.GetAsync(ProtectedResources.WithResources(scenario.AuthorizeUrl(), ProtectedResources.SampleApi));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_scope");
    }

    [Fact]
    public async Task Push_UnknownResource_IsInvalidTargetAndStoresNothing()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var reply = await PushedRequests.PushAsync(scenario, ("resource", "https://unknown.example.test/api"));

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("invalid_target", reply["error"]);
        Assert.Equal(0, await PushedRequests.CountAsync(factory, scenario.ClientId));
    }

    [Fact]
    public async Task Push_TwoResources_AreBothOnTheCodesToken()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var first = await ProtectedResources.RegisterAsync(factory);
        var second = await ProtectedResources.RegisterAsync(factory);
        var form = ProtectedResources.WithResources(scenario.Parameters([("client_secret", scenario.ClientSecret)]), first, second);
        var pushed = await TokenEndpoint.PostAsync(factory.CreateClient(), PushedRequests.Path, form);
        Html.AssertStatus(HttpStatusCode.Created, pushed.Response);

        var response = await Consent.AcceptAsync(scenario.Browser, PushedRequests.AuthorizeUrl(scenario.ClientId, pushed["request_uri"]!));
        var code = OAuthAssert.RedirectsTo(response, Callback, HttpStatusCode.SeeOther)["code"];
        var tokens = await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));

        var introspection = await ProtectedResources.IntrospectAsync(factory, scenario.ClientId, scenario.ClientSecret!, tokens["access_token"]!);
        Assert.Equal(new[] { first, second }, ProtectedResources.Audience(introspection));
    }
}
