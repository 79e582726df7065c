using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Resources;

/// <summary>RFC 8707 §2.2 at the token endpoint: the resources of a grant, narrowed by the token request, become the access token's audience (<c>aud</c> in introspection).</summary>
public sealed class ResourceIndicatorTokenTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(OAuthScenario Scenario, string Code, string First, string Second)> CodeForTwoResourcesAsync()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var first = await ProtectedResources.RegisterAsync(factory);
        var second = await ProtectedResources.RegisterAsync(factory);
        var response = await Consent.AcceptAsync(scenario.Browser, ProtectedResources.WithResources(scenario.AuthorizeUrl(("prompt", "consent")), first, second));
        var code = OAuthAssert.RedirectsTo(response, scenario.RedirectUri, HttpStatusCode.SeeOther)["code"];
        return (scenario, code, first, second);
    }

    private Task<TokenEndpoint.Reply> IntrospectAsync(OAuthScenario scenario, string token) =>
        ProtectedResources.IntrospectAsync(factory, scenario.ClientId, scenario.ClientSecret!, token);

    private Task<TokenEndpoint.Reply> TokenAsync(IEnumerable<KeyValuePair<string, string>> form, params string[] resources) =>
        TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/token", ProtectedResources.WithResources(form, resources));

    [Fact]
    public async Task Code_GrantedForTwoResources_TokenAudienceIsBoth()
    {
        var (scenario, code, first, second) = await CodeForTwoResourcesAsync();

        var tokens = await TokenAsync(TokenEndpoint.CodeForm(scenario, code));

        Html.AssertStatus(HttpStatusCode.OK, tokens.Response);
        Assert.Equal(new[] { first, second }, ProtectedResources.Audience(await IntrospectAsync(scenario, tokens["access_token"]!)));
    }

    [Fact]
    public async Task Code_TokenRequestNamesOneOfTwo_TokenAudienceIsThatOne()
    {
        var (scenario, code, _, second) = await CodeForTwoResourcesAsync();

        var tokens = await TokenAsync(TokenEndpoint.CodeForm(scenario, code), second);

        Html.AssertStatus(HttpStatusCode.OK, tokens.Response);
        Assert.Equal(new[] { second }, ProtectedResources.Audience(await IntrospectAsync(scenario, tokens["access_token"]!)));
    }

    [Fact]
    public async Task Code_TokenRequestNamesAResourceOutsideTheGrant_IsInvalidTarget()
    {
        var (scenario, code, first, _) = await CodeForTwoResourcesAsync();
        var other = await ProtectedResources.RegisterAsync(factory);

        var reply = await TokenAsync(TokenEndpoint.CodeForm(scenario, code), first, other);

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("invalid_target", reply["error"]);
        Assert.Contains(other, reply["error_description"]);
    }

    [Fact]
    public async Task Code_GrantedForNoResourceThenTokenRequestNamesOne_IsInvalidTarget()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);

        var reply = await TokenAsync(TokenEndpoint.CodeForm(scenario, code), await ProtectedResources.RegisterAsync(factory));

        Assert.Equal("invalid_target", reply["error"]);
    }

    [Fact]
    public async Task Code_NoResourceAnywhere_IntrospectionHasNoAud()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        var tokens = await TokenEndpoint.ObtainTokensAsync(scenario);

        var introspection = await IntrospectAsync(scenario, tokens["access_token"]!);

        Assert.True(introspection.Json.GetProperty("active").GetBoolean());
        Assert.Null(ProtectedResources.Audience(introspection));
    }

    [Fact]
    public async Task Refresh_AfterNarrowing_StillGetsEveryResourceOfTheGrant()
    {
        var (scenario, code, first, second) = await CodeForTwoResourcesAsync();
        var narrowed = await TokenAsync(TokenEndpoint.CodeForm(scenario, code), first);

        Html.AssertStatus(HttpStatusCode.OK, narrowed.Response);
        var refreshed = await TokenAsync(Protocol.Token.AuthorizationCodeGrantTests.RefreshForm(scenario, narrowed["refresh_token"]!));
        Html.AssertStatus(HttpStatusCode.OK, refreshed.Response);
        var refreshedIntrospection = await IntrospectAsync(scenario, refreshed["access_token"]!); // before the next rotation revokes it
        var again = await TokenAsync(Protocol.Token.AuthorizationCodeGrantTests.RefreshForm(scenario, refreshed["refresh_token"]!), second);

        Assert.Equal(new[] { first, second }, ProtectedResources.Audience(refreshedIntrospection));
        Html.AssertStatus(HttpStatusCode.OK, again.Response);
        Assert.Equal(new[] { second }, ProtectedResources.Audience(await IntrospectAsync(scenario, again["access_token"]!)));
    }

    [Fact]
    public async Task Refresh_NamingAResourceOutsideTheGrant_IsInvalidTarget()
    {
        var (scenario, code, _, _) = await CodeForTwoResourcesAsync();
        var tokens = await TokenAsync(TokenEndpoint.CodeForm(scenario, code));

        var reply = await TokenAsync(Protocol.Token.AuthorizationCodeGrantTests.RefreshForm(scenario, tokens["refresh_token"]!), ProtectedResources.SampleApi);

        Assert.Equal("invalid_target", reply["error"]);
    }

    [Fact]
    public async Task ClientCredentials_WithResource_TokenAudienceIsIt()
    {
        var scope = await MachineClients.CreateScopeAsync(factory);
        var client = await MachineClients.RegisterAsync(factory, Data.ClientType.Confidential, [MachineClients.ClientCredentials], scope);
        var resource = await ProtectedResources.RegisterAsync(factory, scope);

        var tokens = await TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId, ["client_secret"] = client.ClientSecret! }, resource);

        Html.AssertStatus(HttpStatusCode.OK, tokens.Response);
        var introspection = await ProtectedResources.IntrospectAsync(factory, client.ClientId, client.ClientSecret!, tokens["access_token"]!);
        Assert.Equal(new[] { resource }, ProtectedResources.Audience(introspection));
    }

    [Fact]
    public async Task ClientCredentials_NoScopeParameter_GetsOnlyTheMachineScopesTheResourceAccepts()
    {
        var accepted = await MachineClients.CreateScopeAsync(factory);
        var other = await MachineClients.CreateScopeAsync(factory);
        var client = await MachineClients.RegisterAsync(factory, Data.ClientType.Confidential, [MachineClients.ClientCredentials], accepted, other);
        var resource = await ProtectedResources.RegisterAsync(factory, accepted);

        var tokens = await TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId, ["client_secret"] = client.ClientSecret! }, resource);

        Html.AssertStatus(HttpStatusCode.OK, tokens.Response);
        Assert.Equal(accepted, tokens["scope"]);
    }

    [Fact]
    public async Task ClientCredentials_ScopeTheResourceDoesNotAccept_IsInvalidScope()
    {
        var accepted = await MachineClients.CreateScopeAsync(factory);
        var other = await MachineClients.CreateScopeAsync(factory);
        var client = await MachineClients.RegisterAsync(factory, Data.ClientType.Confidential, [MachineClients.ClientCredentials], accepted, other);
        var resource = await ProtectedResources.RegisterAsync(factory, accepted);

        var reply = await TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId, ["client_secret"] = client.ClientSecret!, ["scope"] = $"{accepted} {other}",
        }, resource);

        Assert.Equal("invalid_scope", reply["error"]);
        Assert.Contains($"'{other}'", reply["error_description"]);
    }

    [Theory]
    [InlineData("https://unknown.example.test/api")]
    [InlineData("https://localhost/api#fragment")]
    [InlineData("urn:not-registered")]
    public async Task ClientCredentials_UnknownOrMalformedResource_IsInvalidTarget(string resource)
    {
        var scope = await MachineClients.CreateScopeAsync(factory);
        var client = await MachineClients.RegisterAsync(factory, Data.ClientType.Confidential, [MachineClients.ClientCredentials], scope);

        var reply = await TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId, ["client_secret"] = client.ClientSecret! }, resource);

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("invalid_target", reply["error"]);
    }

    [Fact]
    public async Task Token_OtherParameterRepeated_IsStillInvalidRequest()
    {
        // Only resource may repeat (RFC 8707 §2); every other parameter stays refused (RFC 6749 §3.2).
        var reply = await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/token",
            [new("grant_type", "client_credentials"), new("scope", "a"), new("scope", "b")]);

        Assert.Equal("invalid_request", reply["error"]);
        Assert.Contains("scope", reply["error_description"]);
    }
}
