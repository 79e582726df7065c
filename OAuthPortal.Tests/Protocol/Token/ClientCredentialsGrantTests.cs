using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Token;

/// <summary>
/// grant_type=client_credentials (RFC 6749 §4.4): a confidential client's token for itself, with no user and no
/// refresh token, for some or all of its machine scopes and never a user-only scope.
/// </summary>
public sealed class ClientCredentialsGrantTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private sealed record Machine(string ClientId, string Secret, string[] Scopes);

    private async Task<Machine> MachineAsync(int scopeCount = 2, params string[] grantTypes)
    {
        var owner = await TestUsers.CreateAsync(factory);
        var client = await TestClients.RegisterAsync(factory, owner.Id);
        await MachineClients.AllowAsync(factory, client.ClientId, grantTypes.Length > 0 ? grantTypes : [MachineClients.ClientCredentials]);
        var scopes = new string[scopeCount];
        for (var i = 0; i < scopeCount; i++)
        {
            scopes[i] = await MachineClients.CreateScopeAsync(factory);
        }

        await MachineClients.AddMachineScopesAsync(factory, client.ClientId, scopes);
        return new Machine(client.ClientId, client.ClientSecret!, scopes);
    }

    private Task<TokenEndpoint.Reply> RequestAsync(Machine machine, string? scope = null, string? secret = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return TokenEndpoint.TokenAsync(factory.CreateClient(), form, TokenEndpoint.Basic(machine.ClientId, secret ?? machine.Secret));
    }

    [Fact]
    public async Task Post_NoScope_IssuesEveryMachineScopeWithoutRefreshToken()
    {
        var machine = await MachineAsync();

        var reply = await RequestAsync(machine);

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.Equal("Bearer", reply["token_type"]);
        Assert.Equal(machine.Scopes.Order(), reply["scope"]!.Split(' ').Order());
        Assert.Null(reply["refresh_token"]);
        Assert.Null(reply["id_token"]);
        Assert.Equal("no-store", reply.Response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Post_SubsetOfMachineScopes_IssuesOnlyThose()
    {
        var machine = await MachineAsync();

        var reply = await RequestAsync(machine, machine.Scopes[1]);

        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        Assert.Equal(machine.Scopes[1], reply["scope"]);
    }

    [Fact]
    public async Task Post_IssuedToken_HasNoUserAndItsOwnGrant()
    {
        var machine = await MachineAsync();

        var reply = await RequestAsync(machine);

        var token = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AccessTokens.AsNoTracking()
            .Include(t => t.Grant).SingleAsync(t => t.ClientId == machine.ClientId));
        Assert.Null(token.UserId);
        Assert.False(token.Refreshable);
        Assert.Null(token.RefreshTokenHash);
        Assert.Equal(GrantKind.ClientCredentials, token.Grant!.Kind);
        Assert.Null(token.Grant.UserId);
        Assert.NotNull(reply["access_token"]);
    }

    [Fact]
    public async Task Post_ScopeThatIsNotAMachineScope_IsInvalidScope()
    {
        var machine = await MachineAsync();
        var other = await MachineClients.CreateScopeAsync(factory);

        var reply = await RequestAsync(machine, $"{machine.Scopes[0]} {other}");

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("invalid_scope", reply["error"]);
        Assert.Contains(other, reply["error_description"]);
    }

    [Theory]
    [InlineData("openid")]
    [InlineData("profile")]
    [InlineData("email")]
    [InlineData("offline_access")]
    public async Task Post_BuiltInUserOnlyScope_IsInvalidScope(string scope)
    {
        var machine = await MachineAsync();

        var reply = await RequestAsync(machine, scope);

        Assert.Equal("invalid_scope", reply["error"]);
    }

    [Fact]
    public async Task Post_UserOnlyScopeAmongMachineScopes_IsNeverGranted()
    {
        // Registration refuses it; a scope marked user-only after it was chosen is still never granted.
        var machine = await MachineAsync(scopeCount: 1);
        var userOnly = await MachineClients.CreateScopeAsync(factory);
        await MachineClients.AddMachineScopesAsync(factory, machine.ClientId, userOnly);
        await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Scopes.Where(x => x.Name == userOnly)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.UserOnly, true)));

        var all = await RequestAsync(machine);
        var asked = await RequestAsync(machine, userOnly);

        Assert.Equal(machine.Scopes[0], all["scope"]);
        Assert.Equal("invalid_scope", asked["error"]);
    }

    [Fact]
    public async Task Post_ClientWithoutMachineScopes_IsInvalidScopeThatSaysWhy()
    {
        var machine = await MachineAsync(scopeCount: 0);

        var reply = await RequestAsync(machine);

        Assert.Equal("invalid_scope", reply["error"]);
        Assert.Contains("no machine scopes", reply["error_description"]);
    }

    [Fact]
    public async Task Post_GrantNotAllowedForTheClient_IsUnauthorizedClient()
    {
        var machine = await MachineAsync(1, "authorization_code", "refresh_token");

        var reply = await RequestAsync(machine);

        Assert.Equal("unauthorized_client", reply["error"]);
    }

    [Fact]
    public async Task Post_WrongSecret_IsInvalidClient()
    {
        var machine = await MachineAsync();

        var reply = await RequestAsync(machine, secret: "not-the-secret");

        Html.AssertStatus(HttpStatusCode.Unauthorized, reply.Response);
        Assert.Equal("invalid_client", reply["error"]);
    }

    [Fact]
    public async Task Post_PublicClient_IsRefusedEvenIfTheGrantTypeWereStored()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var client = await TestClients.RegisterAsync(factory, owner.Id, ClientType.Public);
        var scope = await MachineClients.CreateScopeAsync(factory);
        await MachineClients.AllowAsync(factory, client.ClientId, MachineClients.ClientCredentials); // registration would refuse this
        await MachineClients.AddMachineScopesAsync(factory, client.ClientId, scope);

        var reply = await TokenEndpoint.TokenAsync(factory.CreateClient(),
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId });

        Html.AssertStatus(HttpStatusCode.BadRequest, reply.Response);
        Assert.Equal("unauthorized_client", reply["error"]);
        Assert.Contains("Public clients", reply["error_description"]);
    }

    [Fact]
    public async Task Introspect_MachineToken_SubjectIsTheClientAndNoUsername()
    {
        var machine = await MachineAsync();
        var token = (await RequestAsync(machine))["access_token"]!;

        var reply = await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/introspect",
            new Dictionary<string, string> { ["token"] = token }, TokenEndpoint.Basic(machine.ClientId, machine.Secret));

        Assert.True(reply.Json.GetProperty("active").GetBoolean());
        Assert.Equal(machine.ClientId, reply["client_id"]);
        Assert.Equal(machine.ClientId, reply["sub"]);
        Assert.Equal("Bearer", reply["token_type"]);
        Assert.Equal(machine.Scopes.Order(), reply["scope"]!.Split(' ').Order());
        Assert.Equal("https://localhost", reply["iss"]);
        Assert.NotNull(reply["exp"]);
        Assert.NotNull(reply["iat"]);
        Assert.False(reply.Json.TryGetProperty("username", out _));
    }

    [Fact]
    public async Task StatusApi_MachineTokenWithStatusScope_AnswersWhoCalled()
    {
        var machine = await MachineAsync(scopeCount: 0);
        await factory.WithScopeAsync(s => s.GetRequiredService<OAuthPortal.Management.Scopes.ScopeCatalog>().CreateAsync("status", "Read the service status"));
        await MachineClients.AddMachineScopesAsync(factory, machine.ClientId, "status");
        var token = (await RequestAsync(machine, "status"))["access_token"]!;

        var response = await ApiCalls.GetAsync(factory.CreateClient(), "/api/status", token);

        Html.AssertStatus(HttpStatusCode.OK, response);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal(machine.ClientId, body.GetProperty("client_id").GetString());
        Assert.False(body.TryGetProperty("sub", out _));
    }

    [Fact]
    public async Task StatusApi_MachineTokenWithoutStatusScope_IsInsufficientScope()
    {
        var machine = await MachineAsync(scopeCount: 1);
        var token = (await RequestAsync(machine))["access_token"]!;

        var response = await ApiCalls.GetAsync(factory.CreateClient(), "/api/status", token);

        Html.AssertStatus(HttpStatusCode.Forbidden, response);
        Assert.Contains("insufficient_scope", ApiCalls.Challenge(response));
    }

    [Theory]
    [MemberData(nameof(ApiCalls.ProtectedPaths), MemberType = typeof(ApiCalls))]
    public async Task UserApi_MachineToken_IsRefusedSayingItNeedsAUser(string path)
    {
        var machine = await MachineAsync(scopeCount: 1);
        var token = (await RequestAsync(machine))["access_token"]!;

        var response = await ApiCalls.GetAsync(factory.CreateClient(), path, token);

        Html.AssertStatus(HttpStatusCode.Forbidden, response);
        var challenge = ApiCalls.Challenge(response);
        Assert.Contains("insufficient_scope", challenge);
        Assert.Contains("only a user can grant", challenge);
        Assert.Contains("no user (client_credentials)", challenge);
    }
}
