using System.Net;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using OAuthPortal.Tests.Support;
using TokenResponse = Duende.IdentityModel.Client.TokenResponse;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// private_key_jwt (RFC 7523 §2.2, OpenID Connect Core §9) from Duende.IdentityModel's side: a client registered with a
/// JWK Set of its public key sends <c>ClientAssertion</c> (a JWT made with Microsoft.IdentityModel.JsonWebTokens:
/// iss = sub = client_id, aud = the issuer, a fresh jti, exp a minute ahead) to the token, introspection and
/// revocation endpoints of the real portal on Kestrel. IdentityModel sends an assertion only in the body: it refuses
/// one with its default <c>ClientCredentialStyle.AuthorizationHeader</c>. The code exchange with private_key_jwt is in
/// <see cref="IdentityModelPushedAuthorizationTests"/>.
/// </summary>
public sealed class IdentityModelPrivateKeyJwtTests
{
    [Theory]
    [InlineData("RSA")]
    [InlineData("EC")]
    public async Task IdentityModelPrivateKeyJwt_ClientCredentials_IssuesATokenThatIntrospectsAsTheClients(string keyType)
    {
        using var portal = KestrelPortal.Start();
        using var machine = await Machine.StartAsync(portal, keyType == "EC" ? KeyClients.Ec() : KeyClients.Rsa());

        var tokens = await machine.RequestTokenAsync();
        var introspection = await machine.IntrospectAsync(tokens.AccessToken!);

        Assert.False(tokens.IsError, $"{tokens.ErrorType}: {tokens.Error} {tokens.ErrorDescription}");
        Assert.Equal(OidcConstants.TokenResponse.BearerTokenType, tokens.TokenType);
        Assert.Null(tokens.RefreshToken);
        Assert.False(introspection.IsError, $"{introspection.ErrorType}: {introspection.Error}");
        Assert.True(introspection.IsActive);
        Assert.Equal(machine.ClientId, introspection.ClientId);
        Assert.Equal(machine.ClientId, introspection.Subject);
    }

    [Fact]
    public async Task IdentityModelPrivateKeyJwt_Revocation_RevokesAndTheTokenIntrospectsInactive()
    {
        using var portal = KestrelPortal.Start();
        using var machine = await Machine.StartAsync(portal, KeyClients.Ec());
        var tokens = await machine.RequestTokenAsync();

        var revoked = await machine.Http.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = machine.Disco.RevocationEndpoint,
            ClientId = machine.ClientId,
            ClientAssertion = machine.Assertion(),
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Token = tokens.AccessToken!,
            TokenTypeHint = OidcConstants.TokenTypes.AccessToken,
        });

        Assert.False(revoked.IsError, $"{revoked.ErrorType}: {revoked.Error}");
        Html.AssertStatus(HttpStatusCode.OK, revoked.HttpResponse!);
        var introspection = await machine.IntrospectAsync(tokens.AccessToken!);
        Assert.False(introspection.IsError, $"{introspection.ErrorType}: {introspection.Error}");
        Assert.False(introspection.IsActive);
    }

    [Fact]
    public async Task IdentityModelPrivateKeyJwt_ReplayedAssertion_IsInvalidClient()
    {
        using var portal = KestrelPortal.Start();
        using var machine = await Machine.StartAsync(portal, KeyClients.Rsa());
        var assertion = machine.Assertion();
        Assert.False((await machine.RequestTokenAsync(assertion)).IsError);

        var replayed = await machine.RequestTokenAsync(assertion);

        AssertInvalidClient(replayed);
    }

    [Fact]
    public async Task IdentityModelPrivateKeyJwt_AssertionSignedWithAnUnregisteredKey_IsInvalidClient()
    {
        using var portal = KestrelPortal.Start();
        using var machine = await Machine.StartAsync(portal, KeyClients.Ec());

        var tokens = await machine.RequestTokenAsync(KeyClients.ClientAssertion(portal, KeyClients.Ec(), machine.ClientId));

        AssertInvalidClient(tokens);
    }

    /// <summary>RFC 6749 §5.2: invalid_client, 401 here; IdentityModel calls any non-400 answer an HTTP error, so the code is read from the body.</summary>
    private static void AssertInvalidClient(TokenResponse tokens)
    {
        Assert.True(tokens.IsError);
        Assert.Equal(HttpStatusCode.Unauthorized, tokens.HttpStatusCode);
        Assert.Equal(OidcConstants.TokenErrors.InvalidClient, tokens.TryGet(OidcConstants.TokenResponse.Error));
        Assert.Null(tokens.AccessToken);
    }

    /// <summary>
    /// One test's set-up: the metadata through IdentityModel (which must offer private_key_jwt and the key's algorithm),
    /// and a private_key_jwt client allowed client_credentials, registered with the public half of <paramref name="Key"/>.
    /// </summary>
    private sealed record Machine(KestrelPortal Portal, HttpClient Http, DiscoveryDocumentResponse Disco, KeyClients.ClientKey Key, string ClientId) : IDisposable
    {
        public static async Task<Machine> StartAsync(KestrelPortal portal, KeyClients.ClientKey key)
        {
            var http = portal.CreateHttpClient();
            var disco = await ThirdPartySetup.DiscoverAsync(http, portal);
            Assert.Contains("private_key_jwt", disco.TokenEndpointAuthenticationMethodsSupported);
            Assert.Contains(key.Signing.Algorithm, disco.TryGetStringArray("token_endpoint_auth_signing_alg_values_supported"));
            return new Machine(portal, http, disco, key, await KeyClients.RegisterAsync(portal.Factory, KeyClients.JwkSet(key)));
        }

        /// <summary>A new assertion: each is good for one request.</summary>
        public ClientAssertion Assertion() => KeyClients.ClientAssertion(Portal, Key, ClientId);

        public Task<TokenResponse> RequestTokenAsync(ClientAssertion? assertion = null) =>
            Http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
            {
                Address = Disco.TokenEndpoint,
                ClientId = ClientId,
                ClientAssertion = assertion ?? Assertion(),
                ClientCredentialStyle = ClientCredentialStyle.PostBody,
            });

        public Task<TokenIntrospectionResponse> IntrospectAsync(string token) =>
            Http.IntrospectTokenAsync(new TokenIntrospectionRequest
            {
                Address = Disco.IntrospectionEndpoint,
                ClientId = ClientId,
                ClientAssertion = Assertion(),
                ClientCredentialStyle = ClientCredentialStyle.PostBody,
                Token = token,
            });

        public void Dispose() => Http.Dispose();
    }
}
