using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Authorization;

/// <summary>PKCE at the authorization endpoint (RFC 7636 §4.3, RFC 9700 §2.1.1): S256 only, required for public clients.</summary>
public sealed class PkceRequestTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Callback = "https://client.example.test/callback?";

    [Fact]
    public async Task Get_PlainMethod_RedirectsInvalidRequest()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("code_challenge_method", "plain")));

        Assert.Contains("S256", OAuthAssert.ErrorRedirect(response, Callback, "invalid_request")["error_description"]);
    }

    [Theory]
    [InlineData("too-short")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c")]    // 42 characters
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM+")]  // '+' is outside the charset
    public async Task Get_MalformedChallenge_RedirectsInvalidRequest(string challenge)
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("code_challenge", challenge)));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_request");
    }

    [Fact]
    public async Task Get_ChallengeOf129Characters_RedirectsInvalidRequest()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("code_challenge", new string('a', 129))));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_request");
    }

    [Fact]
    public async Task Get_MethodWithoutChallenge_RedirectsInvalidRequest()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("code_challenge", null)));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_request");
    }

    [Fact]
    public async Task Get_PublicClientWithoutChallenge_RedirectsInvalidRequest()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, ClientType.Public);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("code_challenge", null), ("code_challenge_method", null)));

        Assert.Contains("code_challenge", OAuthAssert.ErrorRedirect(response, Callback, "invalid_request")["error_description"]);
    }

    [Fact]
    public async Task Get_ConfidentialClientWithoutChallenge_ShowsConsentPage()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("code_challenge", null), ("code_challenge_method", null)));

        Html.AssertStatus(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task Get_ConfidentialClientWithoutChallengeWhenRequired_RedirectsInvalidRequest()
    {
        using var strict = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequirePkceForConfidentialClients"] = "true" });
        var scenario = await OAuthScenario.CreateAsync(strict);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("code_challenge", null), ("code_challenge_method", null)));

        OAuthAssert.ErrorRedirect(response, Callback, "invalid_request");
    }

    [Fact]
    public async Task Accept_ChallengeWithoutMethod_StoresTheChallengeAsS256()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, ClientType.Public);

        var response = await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl(("code_challenge_method", null)));

        var code = OAuthAssert.RedirectsTo(response, Callback, HttpStatusCode.SeeOther)["code"];
        var stored = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuthorizationCodes
            .SingleAsync(c => c.CodeHash == SecretHasher.Hash(code)));
        Assert.Equal((OAuthScenario.Challenge, "S256"), (stored.CodeChallenge, stored.CodeChallengeMethod));
    }
}
