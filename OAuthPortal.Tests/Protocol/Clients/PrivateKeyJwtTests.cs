using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Clients;

/// <summary>
/// private_key_jwt (RFC 7523 §§2.2, 3; OpenID Connect Core §9) at the token, revocation and introspection endpoints:
/// a client assertion signed by a registered key, for this server, short-lived, used once; nothing else for such a client.
/// </summary>
public sealed class PrivateKeyJwtTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(string ClientId, KeyClients.ClientKey Key)> KeyClientAsync(KeyClients.ClientKey? key = null)
    {
        key ??= KeyClients.Rsa();
        return (await KeyClients.RegisterAsync(factory, KeyClients.JwkSet(key)), key);
    }

    private static void AssertInvalidClient(TokenEndpoint.Reply reply)
    {
        Html.AssertStatus(HttpStatusCode.Unauthorized, reply.Response);
        Assert.Equal("invalid_client", reply["error"]);
    }

    /// <summary>client_credentials for a new key client, its assertion's claims edited (null removes).</summary>
    private async Task<TokenEndpoint.Reply> WithClaimsAsync(params (string Name, object? Value)[] edit)
    {
        var (clientId, key) = await KeyClientAsync();
        return await KeyClients.ClientCredentialsAsync(factory.CreateClient(), KeyClients.Assertion(factory, key, clientId, edit));
    }

    public static TheoryData<string> KeyKinds => ["RS256", "PS256", "ES256"];

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public async Task Token_AssertionSignedByARegisteredKey_IssuesAToken(string algorithm)
    {
        var (clientId, key) = await KeyClientAsync(algorithm == "ES256" ? KeyClients.Ec() : KeyClients.Rsa(algorithm: algorithm));

        var reply = await KeyClients.ClientCredentialsAsync(factory.CreateClient(), KeyClients.Assertion(factory, key, clientId));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.Equal(clientId, (await TestTokens.ByAccessTokenAsync(factory, reply["access_token"]!))!.ClientId);
    }

    [Fact]
    public async Task Token_AudienceIsTheTokenEndpoint_IssuesAToken()
    {
        var reply = await WithClaimsAsync(("aud", KeyClients.TokenEndpointUrl));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
    }

    [Fact]
    public async Task Token_ClientIdSentWithTheAssertion_IssuesAToken()
    {
        var (clientId, key) = await KeyClientAsync();

        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(), KeyClients.Form(KeyClients.Assertion(factory, key, clientId),
            ("grant_type", MachineClients.ClientCredentials), ("client_id", clientId)));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
    }

    [Fact]
    public async Task Token_AssertionSignedByAnotherKey_IsInvalidClient()
    {
        var (clientId, _) = await KeyClientAsync();
        var stranger = KeyClients.Rsa();

        AssertInvalidClient(await KeyClients.ClientCredentialsAsync(factory.CreateClient(), KeyClients.Assertion(factory, stranger, clientId)));
    }

    [Fact]
    public async Task Token_AlgorithmNotSupported_IsInvalidClient()
    {
        var (clientId, _) = await KeyClientAsync();
        var rs384 = KeyClients.Rsa(algorithm: "RS384");
        await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == clientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Jwks, KeyClients.JwkSet(rs384))));

        AssertInvalidClient(await KeyClients.ClientCredentialsAsync(factory.CreateClient(), KeyClients.Assertion(factory, rs384, clientId)));
    }

    [Fact]
    public async Task Token_ReusedJti_IsInvalidClientAndAudited()
    {
        var (clientId, key) = await KeyClientAsync();
        var assertion = KeyClients.Assertion(factory, key, clientId);
        Html.AssertStatus(HttpStatusCode.OK, (await KeyClients.ClientCredentialsAsync(factory.CreateClient(), assertion)).Response);

        AssertInvalidClient(await KeyClients.ClientCredentialsAsync(factory.CreateClient(), assertion));

        var audit = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents
            .Where(e => e.Action == AuditAction.ClientAuthenticationFailed && e.Target == "client:" + clientId).Select(e => e.Details).ToListAsync());
        Assert.Equal("the client assertion was used before", Assert.Single(audit));
    }

    [Fact]
    public async Task Token_JtiUsedOnAnotherInstance_IsInvalidClient()
    {
        var (clientId, key) = await KeyClientAsync();
        var assertion = KeyClients.Assertion(factory, key, clientId);
        using var second = PortalFactory.SharingDatabaseOf(factory);
        Html.AssertStatus(HttpStatusCode.OK, (await KeyClients.ClientCredentialsAsync(second.CreateClient(), assertion)).Response);

        AssertInvalidClient(await KeyClients.ClientCredentialsAsync(factory.CreateClient(), assertion));
    }

    [Fact]
    public async Task Token_SameJtiFromAnotherClient_IssuesAToken()
    {
        var (first, firstKey) = await KeyClientAsync();
        var (second, secondKey) = await KeyClientAsync();
        Html.AssertStatus(HttpStatusCode.OK, (await KeyClients.ClientCredentialsAsync(factory.CreateClient(),
            KeyClients.Assertion(factory, firstKey, first, ("jti", "shared")))).Response);

        var reply = await KeyClients.ClientCredentialsAsync(factory.CreateClient(), KeyClients.Assertion(factory, secondKey, second, ("jti", "shared")));

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://localhost/oauth2/authorize")]
    public async Task Token_WrongAudience_IsInvalidClient(string audience) => AssertInvalidClient(await WithClaimsAsync(("aud", audience)));

    [Fact]
    public async Task Token_ExpiredAssertion_IsInvalidClient()
    {
        var (clientId, key) = await KeyClientAsync();
        var assertion = KeyClients.Assertion(factory, key, clientId);
        factory.Clock.Advance(TimeSpan.FromMinutes(2));

        AssertInvalidClient(await KeyClients.ClientCredentialsAsync(factory.CreateClient(), assertion));
    }

    [Fact]
    public async Task Token_ExpiryMoreThanFiveMinutesAhead_IsInvalidClient()
    {
        var now = factory.Clock.GetUtcNow().ToUnixTimeSeconds();

        AssertInvalidClient(await WithClaimsAsync(("iat", null), ("exp", now + 600)));
    }

    [Fact]
    public async Task Token_IssuedAtFiveMinutesBeforeExpiryOrMore_IsInvalidClient()
    {
        var now = factory.Clock.GetUtcNow().ToUnixTimeSeconds();

        AssertInvalidClient(await WithClaimsAsync(("iat", now - 400), ("exp", now + 60)));
    }

    [Fact]
    public async Task Token_NotBeforeInTheFuture_IsInvalidClient() =>
        AssertInvalidClient(await WithClaimsAsync(("nbf", factory.Clock.GetUtcNow().ToUnixTimeSeconds() + 120)));

    [Theory]
    [InlineData("jti")]
    [InlineData("exp")]
    public async Task Token_RequiredClaimMissing_IsInvalidClient(string claim) => AssertInvalidClient(await WithClaimsAsync((claim, null)));

    [Fact]
    public async Task Token_IssuerIsNotTheSubject_IsInvalidClient() => AssertInvalidClient(await WithClaimsAsync(("iss", "someone-else")));

    [Fact]
    public async Task Token_SecretSentByAKeyClient_IsInvalidClient()
    {
        var (clientId, _) = await KeyClientAsync();

        AssertInvalidClient(await TokenEndpoint.TokenAsync(factory.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = MachineClients.ClientCredentials, ["client_id"] = clientId, ["client_secret"] = "guess",
        }));
    }

    [Fact]
    public async Task Token_KeyClientSendingNothing_IsInvalidClient()
    {
        var (clientId, _) = await KeyClientAsync();

        AssertInvalidClient(await TokenEndpoint.TokenAsync(factory.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = MachineClients.ClientCredentials, ["client_id"] = clientId,
        }));
    }

    [Fact]
    public async Task Token_AssertionForAClientSecretClient_IsInvalidClient()
    {
        var client = await MachineClients.RegisterAsync(factory, ClientType.Confidential, [MachineClients.ClientCredentials]);

        AssertInvalidClient(await KeyClients.ClientCredentialsAsync(factory.CreateClient(), KeyClients.Assertion(factory, KeyClients.Rsa(), client.ClientId)));
    }

    [Fact]
    public async Task Token_AssertionAndClientSecretTogether_IsInvalidRequest()
    {
        var (clientId, key) = await KeyClientAsync();

        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(), KeyClients.Form(KeyClients.Assertion(factory, key, clientId),
            ("grant_type", MachineClients.ClientCredentials), ("client_secret", "x")));

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("invalid_request", reply["error"]);
    }

    [Theory]
    [InlineData("urn:ietf:params:oauth:client-assertion-type:saml2-bearer", "jwt")]
    [InlineData(KeyClients.AssertionType, "not-a-jwt")]
    public async Task Token_UnusableAssertionParameters_IsInvalidRequest(string type, string assertion)
    {
        var (clientId, key) = await KeyClientAsync();
        var form = KeyClients.Form(assertion == "jwt" ? KeyClients.Assertion(factory, key, clientId) : assertion, ("grant_type", MachineClients.ClientCredentials));
        form["client_assertion_type"] = type;

        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(), form);

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("invalid_request", reply["error"]);
    }

    [Fact]
    public async Task RevokeAndIntrospect_WithAssertions_RevokeAndAnswer()
    {
        var (clientId, key) = await KeyClientAsync();
        var token = (await KeyClients.ClientCredentialsAsync(factory.CreateClient(), KeyClients.Assertion(factory, key, clientId)))["access_token"]!;

        var active = await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/introspect",
            KeyClients.Form(KeyClients.Assertion(factory, key, clientId, ("aud", "https://localhost/oauth2/introspect")), ("token", token)));
        var revoked = await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/revoke",
            KeyClients.Form(KeyClients.Assertion(factory, key, clientId), ("token", token)));
        var after = await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/introspect",
            KeyClients.Form(KeyClients.Assertion(factory, key, clientId), ("token", token)));

        Assert.Equal("true", active["active"]);
        Html.AssertStatus(HttpStatusCode.OK, revoked.Response);
        Assert.Equal("false", after["active"]);
    }

    [Fact]
    public async Task Revoke_ReusedAssertion_IsInvalidClient()
    {
        var (clientId, key) = await KeyClientAsync();
        var assertion = KeyClients.Assertion(factory, key, clientId);
        await KeyClients.ClientCredentialsAsync(factory.CreateClient(), assertion);

        AssertInvalidClient(await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/revoke", KeyClients.Form(assertion, ("token", "x"))));
    }
}
