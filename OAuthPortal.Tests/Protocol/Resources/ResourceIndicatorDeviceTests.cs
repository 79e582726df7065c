using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Resources;

/// <summary>RFC 8707 with the device grant (RFC 8628): the device authorization request names the resources, its grant keeps them, the device's token is meant for them.</summary>
public sealed class ResourceIndicatorDeviceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<TokenEndpoint.Reply> DeviceAuthorizationAsync(string clientId, string resource) =>
        TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/device_authorization",
            [new("client_id", clientId), new("scope", "profile"), new("resource", resource)]);

    [Fact]
    public async Task DeviceAuthorization_UnknownResource_IsInvalidTarget()
    {
        var clientId = await DeviceFlow.ClientAsync(factory);

        var reply = await DeviceAuthorizationAsync(clientId, "https://unknown.example.test/api");

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("invalid_target", reply["error"]);
    }

    [Fact]
    public async Task DeviceAuthorization_WithResource_TheDevicesTokenIsMeantForIt()
    {
        var clientId = await DeviceFlow.ClientAsync(factory);
        var resource = await ProtectedResources.RegisterAsync(factory);
        var user = await TestUsers.CreateAsync(factory);
        var started = await DeviceAuthorizationAsync(clientId, resource);
        Html.AssertStatus(HttpStatusCode.OK, started.Response);
        Assert.True(await DeviceFlow.ApproveAsync(factory, started["user_code"]!, user.Id));

        var tokens = await DeviceFlow.PollAsync(factory.CreateClient(), clientId, started["device_code"]!);

        Html.AssertStatus(HttpStatusCode.OK, tokens.Response);
        var hash = SecretHasher.Hash(tokens["access_token"]!);
        var audience = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AccessTokens
            .Where(t => t.TokenHash == hash).Select(t => t.Audience).SingleAsync());
        Assert.Equal(resource, audience);
    }
}
