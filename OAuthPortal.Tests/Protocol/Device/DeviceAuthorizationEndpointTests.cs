using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Device;

/// <summary>POST /oauth2/device_authorization (RFC 8628 §§3.1, 3.2): who may ask, for what, and what comes back.</summary>
public sealed class DeviceAuthorizationEndpointTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(string ClientId, string? Secret)> DeviceClientAsync(ClientType type = ClientType.Public, params string[] grantTypes)
    {
        var owner = await TestUsers.CreateAsync(factory);
        var client = await TestClients.RegisterAsync(factory, owner.Id, type);
        await MachineClients.AllowAsync(factory, client.ClientId, grantTypes.Length > 0 ? grantTypes : [MachineClients.DeviceCode, "refresh_token"]);
        return (client.ClientId, client.ClientSecret);
    }

    [Fact]
    public async Task Post_PublicClientWithClientIdOnly_AnswersEveryMember()
    {
        var (clientId, _) = await DeviceClientAsync();

        var reply = await DeviceFlow.AuthorizeAsync(factory.CreateClient(), clientId, null, "profile");

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.Equal("no-store", reply.Response.Headers.CacheControl?.ToString());
        Assert.Matches("^[A-Za-z0-9_-]{43}$", reply["device_code"]);
        Assert.Matches("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$", reply["user_code"]);
        Assert.Equal("https://localhost/device", reply["verification_uri"]);
        Assert.Equal($"https://localhost/device?user_code={reply["user_code"]}", reply["verification_uri_complete"]);
        Assert.Equal("600", reply["expires_in"]);
        Assert.Equal("5", reply["interval"]);
    }

    [Fact]
    public async Task Post_ConfidentialClientWithSecret_IsAnswered()
    {
        var (clientId, secret) = await DeviceClientAsync(ClientType.Confidential);

        var reply = await DeviceFlow.AuthorizeAsync(factory.CreateClient(), clientId, secret, "profile");

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.NotNull(reply["device_code"]);
    }

    [Fact]
    public async Task Post_ConfidentialClientWithoutSecret_IsInvalidClient()
    {
        var (clientId, _) = await DeviceClientAsync(ClientType.Confidential);

        var reply = await DeviceFlow.AuthorizeAsync(factory.CreateClient(), clientId, null, "profile");

        Html.AssertStatus(HttpStatusCode.Unauthorized, reply.Response);
        Assert.Equal("invalid_client", reply["error"]);
    }

    [Fact]
    public async Task Post_ClientWithoutTheDeviceGrant_IsUnauthorizedClient()
    {
        var (clientId, _) = await DeviceClientAsync(ClientType.Public, "authorization_code", "refresh_token");

        var reply = await DeviceFlow.AuthorizeAsync(factory.CreateClient(), clientId, null, "profile");

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("unauthorized_client", reply["error"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-such-scope-anywhere")]
    public async Task Post_MissingOrUnknownScope_IsInvalidScope(string scope)
    {
        var (clientId, _) = await DeviceClientAsync();

        var reply = await DeviceFlow.AuthorizeAsync(factory.CreateClient(), clientId, null, scope);

        Assert.Equal("invalid_scope", reply["error"]);
    }

    [Fact]
    public async Task Post_UnknownClient_IsInvalidClient()
    {
        var reply = await DeviceFlow.AuthorizeAsync(factory.CreateClient(), "no-such-client", null, "profile");

        Html.AssertStatus(HttpStatusCode.Unauthorized, reply.Response);
        Assert.Equal("invalid_client", reply["error"]);
    }

    [Fact]
    public async Task Get_AnyClient_IsRefusedAsJson()
    {
        var response = await factory.CreateClient().GetAsync("/oauth2/device_authorization");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_Codes_AreStoredOnlyAsHashes()
    {
        var (clientId, _) = await DeviceClientAsync();

        var reply = await DeviceFlow.AuthorizeAsync(factory.CreateClient(), clientId, null, "profile email");

        var row = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().DeviceCodes.AsNoTracking()
            .Include(d => d.Scopes).Include(d => d.Grant).SingleAsync(d => d.ClientId == clientId));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(reply["device_code"]!)), row.DeviceCodeHash);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(reply["user_code"]!.Replace("-", ""))), row.UserCodeHash);
        Assert.Equal(DeviceCodeStatus.Pending, row.Status);
        Assert.Equal(["email", "profile"], row.Scopes.Select(s => s.Name).Order());
        Assert.Equal(GrantKind.DeviceCode, row.Grant!.Kind);
        Assert.Null(row.Grant.UserId);
        Assert.False(await factory.Database!.ContainsAsync(reply["device_code"]!), "The device code was stored in plaintext.");
        Assert.False(await factory.Database!.ContainsAsync(reply["user_code"]!.Replace("-", "")), "The user code was stored in plaintext.");
    }
}
