using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Resources;

/// <summary>The sample API's audience check (RFC 8707 §2, RFC 9068 §4): a token meant for other resources is refused; one meant for it, or for no resource in particular, is accepted.</summary>
public sealed class ResourceAudienceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<string> StatusTokenAsync(params string[] resources)
    {
        var scope = await MachineClients.EnsureScopeAsync(factory, "status");
        var client = await MachineClients.RegisterAsync(factory, Data.ClientType.Confidential, [MachineClients.ClientCredentials], scope);
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId, ["client_secret"] = client.ClientSecret! };
        var tokens = await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/token", ProtectedResources.WithResources(form, resources));
        Html.AssertStatus(HttpStatusCode.OK, tokens.Response);
        return tokens["access_token"]!;
    }

    [Fact]
    public async Task Api_TokenMeantForAnotherResource_IsInvalidToken()
    {
        var token = await StatusTokenAsync(await ProtectedResources.RegisterAsync(factory));

        var response = await ApiCalls.GetAsync(factory.CreateClient(), "/api/status", token);

        Html.AssertStatus(HttpStatusCode.Unauthorized, response);
        var challenge = ApiCalls.Challenge(response);
        Assert.Contains("error=\"invalid_token\"", challenge);
        Assert.Contains("not meant for this resource", challenge);
    }

    [Fact]
    public async Task Api_TokenMeantForTheApi_IsAccepted()
    {
        var token = await StatusTokenAsync(ProtectedResources.SampleApi);

        var response = await ApiCalls.GetAsync(factory.CreateClient(), "/api/status", token);

        Html.AssertStatus(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task Api_TokenMeantForTheApiAndAnother_IsAccepted()
    {
        var token = await StatusTokenAsync(await ProtectedResources.RegisterAsync(factory), ProtectedResources.SampleApi);

        var response = await ApiCalls.GetAsync(factory.CreateClient(), "/api/status", token);

        Html.AssertStatus(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task Api_TokenWithoutAudience_IsAccepted()
    {
        var token = await StatusTokenAsync();

        var response = await ApiCalls.GetAsync(factory.CreateClient(), "/api/status", token);

        Html.AssertStatus(HttpStatusCode.OK, response);
    }
}
