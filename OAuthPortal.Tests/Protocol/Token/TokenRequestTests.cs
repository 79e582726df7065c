using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Token;

/// <summary>
/// The token endpoint's request checks in djoauth2's order: TLS, POST, client authentication, grant_type
/// (djoauth2/tests/access_token.py, TestAccessTokenEndpoint).
/// </summary>
public sealed class TokenRequestTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static void AssertError(TokenEndpoint.Reply reply, string error, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Html.AssertStatus(status, reply.Response);
        Assert.Equal(error, reply["error"]);
        Assert.False(string.IsNullOrEmpty(reply["error_description"]));
        Assert.Equal("application/json", reply.Response.Content.Headers.ContentType?.MediaType);
        Assert.True(reply.Response.Headers.CacheControl?.NoStore, "Cache-Control: no-store is missing");
        Assert.Equal("no-cache", reply.Response.Headers.Pragma.ToString());
    }

    private async Task<(OAuthScenario Scenario, string Code)> CodeAsync()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        return (scenario, await TokenEndpoint.AuthorizeAsync(scenario));
    }

    [Fact]
    public async Task Post_HttpWhenHttpsRequired_IsInvalidRequest()
    {
        // djoauth2: TestAccessTokenEndpoint.test_ssl_required_insecure_request_fails
        var (scenario, code) = await CodeAsync();
        var http = new HttpClient(factory.Server.CreateHandler()) { BaseAddress = new Uri("http://localhost") };

        AssertError(await TokenEndpoint.TokenAsync(http, TokenEndpoint.CodeForm(scenario, code)), "invalid_request");
    }

    [Fact]
    public async Task Post_HttpWhenHttpsNotRequired_Succeeds()
    {
        // djoauth2: TestAccessTokenEndpoint.test_no_ssl_required_insecure_request_succeeds
        using var relaxed = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequireHttps"] = "false" });
        var scenario = await OAuthScenario.CreateAsync(relaxed);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);
        var http = new HttpClient(relaxed.Server.CreateHandler()) { BaseAddress = new Uri("http://localhost") };

        Html.AssertStatus(HttpStatusCode.OK, (await TokenEndpoint.TokenAsync(http, TokenEndpoint.CodeForm(scenario, code))).Response);
    }

    [Fact]
    public async Task Post_HttpsWhenHttpsNotRequired_Succeeds()
    {
        // djoauth2: TestAccessTokenEndpoint.test_no_ssl_required_secure_request_succeeds
        using var relaxed = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequireHttps"] = "false" });
        var scenario = await OAuthScenario.CreateAsync(relaxed);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);

        Html.AssertStatus(HttpStatusCode.OK, (await TokenEndpoint.TokenAsync(relaxed.CreateClient(), TokenEndpoint.CodeForm(scenario, code))).Response);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("HEAD")]
    public async Task Request_NotPost_IsJsonInvalidRequest(string method)
    {
        // djoauth2: TestAccessTokenEndpoint.test_get_requests_fail, TestAccessTokenEndpoint.test_put_requests_fail
        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/oauth2/token"));

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.True(response.Headers.CacheControl?.NoStore);
        if (method != "HEAD")
        {
            Assert.Contains("\"error\":\"invalid_request\"", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Post_JsonBody_IsInvalidRequest()
    {
        var response = await factory.CreateClient().PostAsync("/oauth2/token", new StringContent("{\"grant_type\":\"authorization_code\"}", Encoding.UTF8, "application/json"));

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Contains("\"error\":\"invalid_request\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_BasicHeader_Succeeds()
    {
        // djoauth2: TestAccessTokenEndpoint.test_header_auth_succeeds
        var (scenario, code) = await CodeAsync();

        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(),
            TokenEndpoint.CodeForm(scenario, code, ("client_id", null), ("client_secret", null)),
            TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
    }

    [Fact]
    public async Task Post_BasicHeaderWithBodyClientIdThatMatches_Succeeds()
    {
        var (scenario, code) = await CodeAsync();

        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(),
            TokenEndpoint.CodeForm(scenario, code, ("client_secret", null)), TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
    }

    [Theory]
    [InlineData("Basic")]                       // djoauth2: TestAccessTokenEndpoint.test_malformed_header_auth_fails
    [InlineData("Basic !!!not-base64!!!")]      // djoauth2: TestAccessTokenEndpoint.test_header_auth_value_is_malformed_fails
    [InlineData("Basic bm8tY29sb24=")]          // "no-colon"
    [InlineData("Basic OnNlY3JldA==")]          // ":secret", empty client_id
    [InlineData("Bearer abc")]                  // djoauth2: TestAccessTokenEndpoint.test_header_auth_method_is_not_basic_fails
    [InlineData("Digest username=\"x\"")]
    public async Task Post_MalformedOrNonBasicHeader_IsInvalidRequest(string header)
    {
        var (scenario, code) = await CodeAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token")
        {
            Content = new FormUrlEncodedContent(TokenEndpoint.CodeForm(scenario, code, ("client_id", null), ("client_secret", null))),
        };
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var response = await factory.CreateClient().SendAsync(request);

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Contains("\"error\":\"invalid_request\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_BasicSchemeInOtherCase_IsAccepted()
    {
        var (scenario, code) = await CodeAsync();

        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code, ("client_id", null), ("client_secret", null)),
            new AuthenticationHeaderValue("bAsIc", TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!).Parameter));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
    }

    [Fact]
    public async Task Post_CredentialsInTheUrl_IsInvalidRequest()
    {
        // djoauth2: TestAccessTokenEndpoint.test_including_authorization_in_request_uri_fails
        var (scenario, code) = await CodeAsync();

        var reply = await TokenEndpoint.PostAsync(factory.CreateClient(),
            $"/oauth2/token?client_id={scenario.ClientId}&client_secret={scenario.ClientSecret}",
            TokenEndpoint.CodeForm(scenario, code, ("client_id", null), ("client_secret", null)));

        AssertError(reply, "invalid_request");
    }

    [Fact]
    public async Task Post_BodyCredentials_Succeeds()
    {
        // djoauth2: TestAccessTokenEndpoint.test_body_auth_succeeds, TestAccessTokenEndpoint.test_ssl_required_secure_request_succeeds
        var (scenario, code) = await CodeAsync();

        Html.AssertStatus(HttpStatusCode.OK, (await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code))).Response);
    }

    [Fact]
    public async Task Post_HeaderAndBodySecret_IsInvalidRequest()
    {
        // djoauth2: TestAccessTokenEndpoint.test_multiple_types_of_authentication_fails
        var (scenario, code) = await CodeAsync();

        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code),
            TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!));

        AssertError(reply, "invalid_request");
    }

    [Fact]
    public async Task Post_NoCredentials_IsInvalidRequest()
    {
        var (scenario, code) = await CodeAsync();

        AssertError(await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code, ("client_id", null), ("client_secret", null))),
            "invalid_request");
    }

    public static TheoryData<string, bool> ClientFailures => new()
    {
        { "unknown-client", true },   // djoauth2: TestAccessTokenEndpoint.test_nonexistent_client_fails
        { "wrong-secret", true },     // djoauth2: TestAccessTokenEndpoint.test_mismatched_client_and_secret_fails
        { "missing-secret", false },  // djoauth2: TestAccessTokenEndpoint.test_missing_secret_fails (djoauth2 expected 400; RFC 6749 §5.2 invalid_client wins)
        { "disabled", false },
        { "wrong-secret", false },
    };

    [Theory]
    [MemberData(nameof(ClientFailures))]
    public async Task Post_ClientFailsToAuthenticate_Is401InvalidClientWithBasicChallenge(string failure, bool useHeader)
    {
        var (scenario, code) = await CodeAsync();
        var (clientId, secret) = failure switch
        {
            "unknown-client" => ("no-such-client", "whatever"),
            "wrong-secret" => (scenario.ClientId, "wrong-" + scenario.ClientSecret),
            "missing-secret" => (scenario.ClientId, (string?)null),
            _ => (scenario.ClientId, scenario.ClientSecret),
        };
        if (failure == "disabled")
        {
            await TestClients.SetEnabledAsync(factory, scenario.ClientId, false);
        }

        var form = TokenEndpoint.CodeForm(scenario, code, ("client_id", useHeader ? null : clientId), ("client_secret", useHeader ? null : secret));
        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(), form, useHeader ? TokenEndpoint.Basic(clientId, secret!) : null);

        AssertError(reply, "invalid_client", HttpStatusCode.Unauthorized);
        Assert.Equal("Basic realm=\"\"", reply.Response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Post_SecretForAPublicClient_Is401InvalidClient()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, OAuthPortal.Data.ClientType.Public);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);

        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code, ("client_secret", "invented")));

        AssertError(reply, "invalid_client", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_RepeatedParameter_IsInvalidRequest()
    {
        var (scenario, code) = await CodeAsync();
        var form = TokenEndpoint.CodeForm(scenario, code).ToList();
        form.Add(new("code", code));

        AssertError(await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/token", form), "invalid_request");
    }

    [Theory]
    [InlineData(null, "invalid_request")]          // djoauth2: TestAccessTokenEndpoint.test_omitted_grant_type_fails
    [InlineData("password", "unsupported_grant_type")] // djoauth2: TestAccessTokenEndpoint.test_invalid_grant_type_fails
    [InlineData("client_credentials", "unauthorized_client")] // supported, but not registered for this client
    [InlineData("urn:ietf:params:oauth:grant-type:jwt-bearer", "unsupported_grant_type")]
    [InlineData("implicit", "unsupported_grant_type")]
    public async Task Post_MissingOrUnsupportedGrantType_IsRefused(string? grantType, string error)
    {
        var (scenario, code) = await CodeAsync();

        AssertError(await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code, ("grant_type", grantType))), error);
    }

    [Fact]
    public async Task Post_BasicCredentialsWithReservedCharacters_AreFormUrlDecoded()
    {
        // RFC 6749 §2.3.1: the id and secret are form-url-encoded before base64. Our secrets are base64url, so encode
        // a '+' (space in form encoding) by hand to prove the decoding: "%2B" must not be read as a literal.
        var (scenario, code) = await CodeAsync();
        var raw = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{scenario.ClientId}:{scenario.ClientSecret!.Replace("-", "%2D")}"));

        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code, ("client_id", null), ("client_secret", null)),
            new AuthenticationHeaderValue("Basic", raw));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
    }
}
