using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Registration;

/// <summary>
/// OAuth:Registration:Mode: off by default outside Development (403, not advertised), initial access tokens by default
/// in Development, and open registration (ownerless clients that act for users only); a registered client then works.
/// </summary>
public sealed class RegistrationModeTests(PortalFactory factory, RegistrationPortal portal) : IClassFixture<PortalFactory>, IClassFixture<RegistrationPortal>
{
    [Fact]
    public async Task Register_ModeUnsetOutsideDevelopment_Is403WithAClearErrorAndIsNotAdvertised()
    {
        var reply = await Registrations.RegisterAsync(factory.CreateClient(), Registrations.WebApp(), bearer: null);
        var metadata = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/.well-known/openid-configuration"))!;

        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal("access_denied", reply["error"]);
        Assert.Contains("turned off", reply["error_description"]);
        Assert.Null(metadata["registration_endpoint"]);
    }

    [Fact]
    public async Task Register_ModeUnsetInDevelopment_NeedsAnInitialAccessToken()
    {
        using var development = PortalFactory.With(new Dictionary<string, string?>(), "Development");
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(development);

        var without = await Registrations.RegisterAsync(development.CreateClient(), Registrations.WebApp(), bearer: null);
        var with = await Registrations.RegisterAsync(development.CreateClient(), Registrations.WebApp(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, without.Status);
        Assert.Equal(HttpStatusCode.Created, with.Status);
    }

    [Fact]
    public async Task Register_OpenMode_RegistersAnOwnerlessClientButNoMachineClient()
    {
        using var open = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:Registration:Mode"] = "Open" });

        var app = await Registrations.RegisterAsync(open.CreateClient(), Registrations.WebApp(), bearer: null);
        var machine = await Registrations.RegisterAsync(open.CreateClient(),
            new JsonObject { ["client_name"] = "Machine", ["grant_types"] = new JsonArray("client_credentials") }, bearer: null);

        Assert.Equal(HttpStatusCode.Created, app.Status);
        var stored = await open.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AsNoTracking().SingleAsync(c => c.Id == app["client_id"]));
        Assert.Null(stored.OwnerId);
        Assert.True(stored.RegisteredByProgram);
        Assert.Equal("invalid_client_metadata", machine["error"]);
        Assert.Contains("client_credentials", machine["error_description"]);
    }

    [Fact]
    public async Task RegisteredClient_CodeFlowAndRefresh_Work()
    {
        var portalFactory = portal.Factory;
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(portalFactory);
        var registered = await Registrations.RegisterAsync(portalFactory.CreateClient(), Registrations.WebApp(), token);
        var (clientId, secret) = (registered["client_id"]!, registered["client_secret"]!);
        var scope = await MachineClients.CreateScopeAsync(portalFactory);
        var user = await TestUsers.CreateAsync(portalFactory);
        var browser = await SignIn.ClientForAsync(portalFactory, user.Email!);
        var authorize = QueryHelpers.AddQueryString("/oauth2/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = clientId, ["redirect_uri"] = "https://agent.example.test/callback", ["scope"] = scope,
            ["state"] = OAuthScenario.State, ["code_challenge"] = OAuthScenario.Challenge, ["code_challenge_method"] = "S256",
        });

        var code = OAuthAssert.RedirectsTo(await Consent.AcceptAsync(browser, authorize), "https://agent.example.test/callback", HttpStatusCode.SeeOther)["code"];
        var tokens = await TokenEndpoint.TokenAsync(portalFactory.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = "https://agent.example.test/callback",
            ["code_verifier"] = OAuthScenario.Verifier,
        }, TokenEndpoint.Basic(clientId, secret));
        var refreshed = await TokenEndpoint.TokenAsync(portalFactory.CreateClient(),
            new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens["refresh_token"]! }, TokenEndpoint.Basic(clientId, secret));

        Assert.NotNull(tokens["access_token"]);
        Assert.Equal(scope, tokens["scope"]);
        Assert.NotNull(refreshed["access_token"]);
        Assert.NotEqual(tokens["refresh_token"], refreshed["refresh_token"]);
    }
}
