using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management;
using OAuthPortal.Management.Clients;
using OAuthPortal.Management.Scopes;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Management;

/// <summary>Grant types and machine scopes, as registration and edits store them, under the rules of OAuth/Clients.</summary>
public sealed class ClientGrantTypesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Device = "urn:ietf:params:oauth:grant-type:device_code";

    private Task<Outcome<RegisteredClient>> RegisterAsync(ClientRegistration registration) =>
        factory.WithScopeAsync(s => s.GetRequiredService<ClientRegistrar>().RegisterAsync(registration, "test"));

    private Task<Outcome<ClientSaved>?> UpdateAsync(string ownerId, string clientId, Func<ClientEdit, ClientEdit> change) =>
        factory.WithScopeAsync(async s =>
        {
            var manager = s.GetRequiredService<ClientManager>();
            var current = (await manager.FindAsync(ownerId, clientId))!;
            var edit = new ClientEdit(current.Name, current.Description, current.ImageUrl, current.RedirectUris, current.PostLogoutRedirectUris,
                current.BackchannelLogoutUri, current.IdTokenSignedResponseAlg);
            return await manager.UpdateAsync(ownerId, clientId, change(edit), "test");
        });

    private Task<ClientDetails> FindAsync(string ownerId, string clientId) =>
        factory.WithScopeAsync(async s => (await s.GetRequiredService<ClientManager>().FindAsync(ownerId, clientId))!);

    private Task<string> CreateScopeAsync(bool userOnly = false) =>
        factory.WithScopeAsync(async s => (await s.GetRequiredService<ScopeCatalog>().CreateAsync(Unique.Name("machine"), "Machine things", userOnly: userOnly)).Value!.Name);

    private static ClientRegistration Machine(string ownerId, ClientType type = ClientType.Confidential) =>
        new(ownerId, "Nightly job", null, null, type, []) { GrantTypes = ["client_credentials"] };

    [Fact]
    public async Task RegisterAsync_GrantTypesInAnyOrder_AreStoredInOneOrderAndReturned()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var outcome = await RegisterAsync(Machine(owner.Id) with
        {
            RedirectUris = ["https://app.example.test/cb"], GrantTypes = [Device, "client_credentials", "refresh_token", "authorization_code"],
        });

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        var stored = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.SingleAsync(c => c.Id == outcome.Value!.ClientId));
        Assert.Equal($"authorization_code refresh_token client_credentials {Device}", stored.AllowedGrantTypes);
        Assert.Equal(["authorization_code", "refresh_token", "client_credentials", Device], outcome.Value!.GrantTypes);
    }

    [Fact]
    public async Task RegisterAsync_ClientCredentialsWithMachineScopes_StoresAndShowsThem()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var (first, second) = (await CreateScopeAsync(), await CreateScopeAsync());

        var outcome = await RegisterAsync(Machine(owner.Id) with { MachineScopes = [second, first] });

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        var details = await FindAsync(owner.Id, outcome.Value!.ClientId);
        var expected = new[] { first, second }.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, details.MachineScopes);
        Assert.Equal(expected, outcome.Value.MachineScopes);
        Assert.Equal(["client_credentials"], details.GrantTypes);
        var listed = await factory.WithScopeAsync(s => s.GetRequiredService<ClientCatalog>().ListAsync(owner.Id));
        Assert.Equal(["client_credentials"], Assert.Single(listed).GrantTypes);
        Assert.Equal(expected, Assert.Single(listed).MachineScopes);
    }

    [Theory]
    [InlineData("client_credentials")]
    [InlineData(Device)]
    public async Task RegisterAsync_WithoutAuthorizationCode_NeedsNoRedirectUri(string grantType)
    {
        var owner = await TestUsers.CreateAsync(factory);

        var outcome = await RegisterAsync(Machine(owner.Id) with { GrantTypes = [grantType] });

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
    }

    [Fact]
    public async Task RegisterAsync_WithoutAuthorizationCode_StillChecksTheRedirectUrisGiven()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var outcome = await RegisterAsync(Machine(owner.Id) with { RedirectUris = ["https://app.example.test/cb#fragment"] });

        Assert.Equal("RedirectUris", Assert.Single(outcome.Errors).Field);
    }

    [Fact]
    public async Task RegisterAsync_AuthorizationCodeWithoutRedirectUri_SaysAuthorizationCodeNeedsOne()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var outcome = await RegisterAsync(Machine(owner.Id) with { GrantTypes = ["authorization_code", "client_credentials"] });

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("RedirectUris", "A client that uses authorization_code needs between 1 and 20 redirect URIs (got 0)."), (error.Field, error.Message));
    }

    public static TheoryData<ClientType, string[], string, string> Refused => new()
    {
        { ClientType.Public, ["client_credentials"], "GrantTypes", "A public client cannot use client_credentials" },
        { ClientType.Confidential, ["refresh_token"], "GrantTypes", "refresh_token only extends" },
        { ClientType.Confidential, ["password"], "GrantTypes", "'password' is not a grant type" },
        { ClientType.Confidential, ["client_credentials", "client_credentials"], "GrantTypes", "listed twice" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task RegisterAsync_RefusedGrantTypes_FailOnThatFieldAndSaveNothing(ClientType type, string[] grantTypes, string field, string expected)
    {
        var owner = await TestUsers.CreateAsync(factory);

        var outcome = await RegisterAsync(Machine(owner.Id, type) with { GrantTypes = grantTypes });

        Assert.Contains(outcome.Errors, e => e.Field == field && e.Message.Contains(expected, StringComparison.Ordinal));
        Assert.False(await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.OwnerId == owner.Id)));
    }

    [Fact]
    public async Task RegisterAsync_MachineScopeThatIsUserOnly_FailsOnMachineScopesAndSavesNothing()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var outcome = await RegisterAsync(Machine(owner.Id) with { MachineScopes = [await CreateScopeAsync(userOnly: true)] });

        Assert.Equal("MachineScopes", Assert.Single(outcome.Errors).Field);
        Assert.False(await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.AnyAsync(c => c.OwnerId == owner.Id)));
    }

    [Fact]
    public async Task RegisterAsync_MachineScopesWithTheDefaultGrantTypes_AreRefused()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var outcome = await RegisterAsync(Machine(owner.Id) with
        {
            GrantTypes = null, RedirectUris = ["https://app.example.test/cb"], MachineScopes = [await CreateScopeAsync()],
        });

        Assert.Contains("only for client_credentials", Assert.Single(outcome.Errors).Message);
    }

    [Fact]
    public async Task UpdateAsync_GrantTypesAndMachineScopes_ReplaceTheRegisteredOnes()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var (old, added) = (await CreateScopeAsync(), await CreateScopeAsync());
        var client = (await RegisterAsync(Machine(owner.Id) with { MachineScopes = [old] })).Value!;

        var outcome = await UpdateAsync(owner.Id, client.ClientId, e => e with { GrantTypes = [Device, "client_credentials"], MachineScopes = [added] });

        Assert.True(outcome!.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        var details = await FindAsync(owner.Id, client.ClientId);
        Assert.Equal(["client_credentials", Device], details.GrantTypes);
        Assert.Equal([added], details.MachineScopes);
    }

    [Fact]
    public async Task UpdateAsync_NoGrantTypesOrMachineScopesGiven_KeepsThem()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var scope = await CreateScopeAsync();
        var client = (await RegisterAsync(Machine(owner.Id) with { MachineScopes = [scope] })).Value!;

        var outcome = await UpdateAsync(owner.Id, client.ClientId, e => e with { Name = "Renamed job" });

        Assert.True(outcome!.Succeeded);
        var details = await FindAsync(owner.Id, client.ClientId);
        Assert.Equal("Renamed job", details.Name);
        Assert.Equal(["client_credentials"], details.GrantTypes);
        Assert.Equal([scope], details.MachineScopes);
    }

    [Fact]
    public async Task UpdateAsync_EmptyGrantTypes_MeansTheDefault()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var client = (await RegisterAsync(Machine(owner.Id))).Value!;

        var outcome = await UpdateAsync(owner.Id, client.ClientId, e => e with { GrantTypes = [], RedirectUris = ["https://app.example.test/cb"] });

        Assert.True(outcome!.Succeeded);
        Assert.Equal(["authorization_code", "refresh_token"], (await FindAsync(owner.Id, client.ClientId)).GrantTypes);
    }

    [Fact]
    public async Task UpdateAsync_PublicClientAskingForClientCredentials_IsRefusedAndChangesNothing()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var client = (await RegisterAsync(Machine(owner.Id, ClientType.Public) with { GrantTypes = [Device] })).Value!;

        var outcome = await UpdateAsync(owner.Id, client.ClientId, e => e with { GrantTypes = [Device, "client_credentials"] });

        Assert.Equal("GrantTypes", Assert.Single(outcome!.Errors).Field);
        Assert.Equal([Device], (await FindAsync(owner.Id, client.ClientId)).GrantTypes);
    }

    [Fact]
    public async Task UpdateAsync_DroppingClientCredentialsButKeepingMachineScopes_IsRefused()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var client = (await RegisterAsync(Machine(owner.Id) with { MachineScopes = [await CreateScopeAsync()] })).Value!;

        var outcome = await UpdateAsync(owner.Id, client.ClientId, e => e with { GrantTypes = [Device] });

        Assert.Equal("MachineScopes", Assert.Single(outcome!.Errors).Field);
        Assert.Equal(["client_credentials"], (await FindAsync(owner.Id, client.ClientId)).GrantTypes);
    }

    [Fact]
    public async Task UpdateAsync_DroppingClientCredentialsAndItsMachineScopes_Succeeds()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var client = (await RegisterAsync(Machine(owner.Id) with { MachineScopes = [await CreateScopeAsync()] })).Value!;

        var outcome = await UpdateAsync(owner.Id, client.ClientId, e => e with { GrantTypes = [Device], MachineScopes = [] });

        Assert.True(outcome!.Succeeded);
        Assert.Empty((await FindAsync(owner.Id, client.ClientId)).MachineScopes);
    }

    [Fact]
    public async Task UpdateAsync_ClientCredentialsRemoved_RevokesTheClientsMachineTokens()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var scope = await CreateScopeAsync();
        var client = (await RegisterAsync(Machine(owner.Id) with { GrantTypes = ["authorization_code", "client_credentials"], RedirectUris = ["https://app.example.test/cb"], MachineScopes = [scope] })).Value!;
        var token = (await MachineClients.ClientCredentialsAsync(factory.CreateClient(), client))["access_token"]!;

        await UpdateAsync(owner.Id, client.ClientId, e => e with { GrantTypes = ["authorization_code"], MachineScopes = [] });

        Assert.Equal(TokenRevocationReason.RevokedByClient, await RevocationOfAsync(token));
    }

    [Fact]
    public async Task UpdateAsync_MachineScopeRemoved_RevokesOnlyTheTokensCarryingIt()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var (kept, removed) = (await CreateScopeAsync(), await CreateScopeAsync());
        var client = (await RegisterAsync(Machine(owner.Id) with { MachineScopes = [kept, removed] })).Value!;
        var keptToken = (await MachineClients.ClientCredentialsAsync(factory.CreateClient(), client, kept))["access_token"]!;
        var removedToken = (await MachineClients.ClientCredentialsAsync(factory.CreateClient(), client, removed))["access_token"]!;

        await UpdateAsync(owner.Id, client.ClientId, e => e with { GrantTypes = ["client_credentials"], MachineScopes = [kept] });

        Assert.Null(await RevocationOfAsync(keptToken));
        Assert.Equal(TokenRevocationReason.RevokedByClient, await RevocationOfAsync(removedToken));
    }

    private Task<TokenRevocationReason?> RevocationOfAsync(string token) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AccessTokens
            .Where(t => t.TokenHash == OAuthPortal.OAuth.Secrets.SecretHasher.Hash(token)).Select(t => t.RevocationReason).SingleAsync());
}
