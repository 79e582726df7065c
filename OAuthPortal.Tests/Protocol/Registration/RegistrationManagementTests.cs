using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Registration;

/// <summary>RFC 7592: read, replace and delete a registration with its registration access token; nothing for anyone else.</summary>
public sealed class RegistrationManagementTests(RegistrationPortal portal) : IClassFixture<RegistrationPortal>
{
    private PortalFactory Factory => portal.Factory;

    private async Task<Registrations.Reply> RegisterAsync(JsonObject? metadata = null)
    {
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(Factory);
        var reply = await Registrations.RegisterAsync(Factory.CreateClient(), metadata ?? Registrations.WebApp(), token);
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return reply;
    }

    private Task<Registrations.Reply> SendAsync(HttpMethod method, Registrations.Reply registered, JsonNode? body = null, string? bearer = null) =>
        Registrations.SendAsync(Factory.CreateClient(), method, Registrations.PathOf(registered), body, bearer ?? registered["registration_access_token"]);

    /// <summary>What a client sends back to update itself: the metadata it read, as RFC 7592 §2.2 asks.</summary>
    private static JsonObject UpdateFrom(Registrations.Reply read) => JsonNode.Parse(read.Json.GetRawText())!.AsObject();

    [Fact]
    public async Task Read_WithItsRegistrationAccessToken_ReturnsTheMetadataButNeverTheSecret()
    {
        var registered = await RegisterAsync();

        var read = await SendAsync(HttpMethod.Get, registered);

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("no-store", read.Response.Headers.CacheControl?.ToString());
        Assert.Equal(registered["client_id"], read["client_id"]);
        Assert.Equal(registered["client_name"], read["client_name"]);
        Assert.Equal(registered["redirect_uris"], read["redirect_uris"]);
        Assert.Equal(registered["registration_client_uri"], read["registration_client_uri"]);
        Assert.False(read.Has("client_secret"));
    }

    [Fact]
    public async Task Read_Answer_CarriesANewRegistrationAccessTokenAndTheOldOneStopsWorking()
    {
        var registered = await RegisterAsync();

        var read = await SendAsync(HttpMethod.Get, registered);
        var again = await SendAsync(HttpMethod.Get, registered);
        var withNew = await SendAsync(HttpMethod.Get, registered, bearer: read["registration_access_token"]);

        Assert.NotNull(read["registration_access_token"]);
        Assert.NotEqual(registered["registration_access_token"], read["registration_access_token"]);
        Assert.Equal(HttpStatusCode.Unauthorized, again.Status);
        Assert.Equal(HttpStatusCode.OK, withNew.Status);
    }

    [Fact]
    public async Task ReadUpdate_OwnerLocked_Is401()
    {
        var registered = await RegisterAsync();
        var ownerId = await Factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == registered["client_id"])
            .Select(c => c.OwnerId!).SingleAsync());
        await Factory.WithScopeAsync(s => s.GetRequiredService<OAuthPortal.Management.Users.UserAdministration>().SetLockedAsync(ownerId, true, "test"));

        var read = await SendAsync(HttpMethod.Get, registered);

        Assert.Equal(HttpStatusCode.Unauthorized, read.Status);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("another client's")]
    [InlineData("none")]
    public async Task ReadUpdateDelete_WithoutThisClientsToken_Is401AndRevealsNothing(string kind)
    {
        var registered = await RegisterAsync();
        var other = await RegisterAsync();
        var bearer = kind switch { "wrong" => "not-a-registration-token", "another client's" => other["registration_access_token"], _ => null };

        var replies = new List<Registrations.Reply>();
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete })
        {
            replies.Add(await Registrations.SendAsync(Factory.CreateClient(), method, Registrations.PathOf(registered),
                method == HttpMethod.Put ? Registrations.WebApp() : null, bearer));
        }

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
        Assert.All(replies, r => Assert.Equal("The registration access token is not valid for this client.", r["error_description"]));
        Assert.All(replies, r => Assert.StartsWith("Bearer", r.Response.Headers.WwwAuthenticate.ToString()));
        Assert.True(await Factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.Id == registered["client_id"])));
    }

    [Fact]
    public async Task Read_UnknownClientWithAValidTokenOfAnother_Is401LikeAWrongToken()
    {
        var registered = await RegisterAsync();

        var reply = await Registrations.SendAsync(Factory.CreateClient(), HttpMethod.Get, Registrations.Path + "/no-such-client", null,
            registered["registration_access_token"]);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
    }

    [Fact]
    public async Task Update_ReplacesTheMetadataAndClearsWhatIsOmitted()
    {
        var metadata = Registrations.WebApp();
        metadata["software_version"] = "1.0";
        var registered = await RegisterAsync(metadata);
        var read = await SendAsync(HttpMethod.Get, registered);
        var update = UpdateFrom(read);
        update["client_name"] = "Renamed agent";
        update["redirect_uris"] = new JsonArray("https://agent.example.test/new-callback");
        update.Remove("software_version");

        var updated = await SendAsync(HttpMethod.Put, registered, update, read["registration_access_token"]);

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("Renamed agent", updated["client_name"]);
        Assert.Equal("""["https://agent.example.test/new-callback"]""", updated["redirect_uris"]);
        Assert.False(updated.Has("software_version"));
        Assert.False(updated.Has("client_secret"));
        Assert.NotNull(updated["registration_access_token"]);
        var stored = await Factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AsNoTracking().Include(c => c.RedirectUris)
            .SingleAsync(c => c.Id == registered["client_id"]));
        Assert.Equal("Renamed agent", stored.Name);
        Assert.Equal(["https://agent.example.test/new-callback"], stored.RedirectUris.Select(r => r.Uri));
        Assert.Null(stored.SoftwareVersion);
    }

    [Theory]
    [InlineData("client_id", "someone-else", "invalid_client_metadata")]
    [InlineData("client_secret", "not-the-secret", "invalid_client_metadata")]
    [InlineData("redirect_uris", null, "invalid_redirect_uri")]
    public async Task Update_RefusedChange_IsAnErrorAndChangesNothing(string member, string? value, string error)
    {
        var registered = await RegisterAsync();
        var read = await SendAsync(HttpMethod.Get, registered);
        var update = UpdateFrom(read);
        update["client_name"] = "Should not stick";
        update[member] = value is null ? new JsonArray("http://agent.example.test/plain-http") : value;

        var reply = await SendAsync(HttpMethod.Put, registered, update, read["registration_access_token"]);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(error, reply["error"]);
        Assert.Equal(registered["client_name"], (await SendAsync(HttpMethod.Get, registered, bearer: read["registration_access_token"]))["client_name"]);
    }

    [Fact]
    public async Task Update_TypeChangeToNone_IsRefused()
    {
        var registered = await RegisterAsync();
        var read = await SendAsync(HttpMethod.Get, registered);
        var update = UpdateFrom(read);
        update["token_endpoint_auth_method"] = "none";

        var reply = await SendAsync(HttpMethod.Put, registered, update, read["registration_access_token"]);

        Assert.Equal("invalid_client_metadata", reply["error"]);
        Assert.Contains("token_endpoint_auth_method", reply["error_description"]);
    }

    [Fact]
    public async Task Update_RotateClientSecret_ReturnsANewSecretAndTheOldOneStopsWorking()
    {
        var scope = await MachineClients.CreateScopeAsync(Factory);
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(Factory);
        var registered = await Registrations.RegisterAsync(Factory.CreateClient(),
            new JsonObject { ["client_name"] = "Worker", ["grant_types"] = new JsonArray("client_credentials"), ["scope"] = scope }, token);
        Assert.Equal(HttpStatusCode.Created, registered.Status);
        var read = await SendAsync(HttpMethod.Get, registered);
        var update = UpdateFrom(read);
        update["rotate_client_secret"] = true;

        var rotated = await SendAsync(HttpMethod.Put, registered, update, read["registration_access_token"]);

        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.Equal(scope, rotated["scope"]);
        var newSecret = rotated["client_secret"]!;
        Assert.NotEqual(registered["client_secret"], newSecret);
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope };
        var old = await TokenEndpoint.TokenAsync(Factory.CreateClient(), form, TokenEndpoint.Basic(registered["client_id"]!, registered["client_secret"]!));
        var fresh = await TokenEndpoint.TokenAsync(Factory.CreateClient(), form, TokenEndpoint.Basic(registered["client_id"]!, newSecret));
        Assert.Equal("invalid_client", old["error"]);
        Assert.NotNull(fresh["access_token"]);
    }

    [Fact]
    public async Task Delete_RemovesTheClientAndItsTokensStopWorking()
    {
        var scope = await MachineClients.EnsureScopeAsync(Factory, "status");
        var (token, _, _) = await Registrations.InitialAccessTokenAsync(Factory);
        var registered = await Registrations.RegisterAsync(Factory.CreateClient(),
            new JsonObject { ["client_name"] = "Worker", ["grant_types"] = new JsonArray("client_credentials"), ["scope"] = scope }, token);
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope };
        var accessToken = (await TokenEndpoint.TokenAsync(Factory.CreateClient(), form, TokenEndpoint.Basic(registered["client_id"]!, registered["client_secret"]!)))["access_token"]!;
        var before = await ApiCalls.GetAsync(Factory.CreateClient(), "/api/status", accessToken);

        var deleted = await SendAsync(HttpMethod.Delete, registered);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiCalls.GetAsync(Factory.CreateClient(), "/api/status", accessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, registered)).Status);
        Assert.False(await Factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.Id == registered["client_id"])));
    }

    [Theory]
    [InlineData("GET", "/oauth2/register")]
    [InlineData("PUT", "/oauth2/register")]
    [InlineData("POST", "/oauth2/register/some-client")]
    [InlineData("PATCH", "/oauth2/register/some-client")]
    [InlineData("TRACE", "/oauth2/register/some-client")]
    [InlineData("PATCH", "/oauth2/register")]
    public async Task Register_WrongMethodForThePath_Is405(string method, string path)
    {
        var response = await Factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(path.EndsWith("register") ? "POST" : "GET, PUT, DELETE", string.Join(", ", response.Content.Headers.Allow));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
