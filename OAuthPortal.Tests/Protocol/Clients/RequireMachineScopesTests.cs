using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management.Scopes;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Clients;

/// <summary>A client's machine scopes: existing scopes that are not user-only, for clients allowed client_credentials (RFC 6749 §4.4).</summary>
public sealed class RequireMachineScopesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] Machine = ["client_credentials"];

    private Task<string> CreateScopeAsync(string prefix, bool userOnly = false) =>
        factory.WithScopeAsync(async s =>
        {
            var outcome = await s.GetRequiredService<ScopeCatalog>().CreateAsync(Unique.Name(prefix), "A scope", userOnly: userOnly);
            Assert.True(outcome.Succeeded);
            return outcome.Value!.Name;
        });

    private Task<(List<Scope> Scopes, List<FieldError> Errors)> ResolveAsync(IReadOnlyList<string> names, IReadOnlyList<string>? grantTypes = null) =>
        factory.WithScopeAsync(s => s.GetRequiredService<RequireMachineScopes>().ResolveAsync(names, grantTypes ?? Machine));

    [Fact]
    public async Task ResolveAsync_ScopesThatAreNotUserOnly_AreTheClientsMachineScopes()
    {
        var (first, second) = (await CreateScopeAsync("status"), await CreateScopeAsync("reports"));

        var (scopes, errors) = await ResolveAsync([first, second]);

        Assert.Empty(errors);
        Assert.Equal([first, second], scopes.Select(s => s.Name));
    }

    [Fact]
    public async Task ResolveAsync_None_IsFineWithoutClientCredentials()
    {
        var (scopes, errors) = await ResolveAsync([], ["authorization_code"]);

        Assert.Empty(scopes);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ResolveAsync_UnknownName_IsRefusedNamingIt()
    {
        var (scopes, errors) = await ResolveAsync(["no-such-scope"]);

        Assert.Empty(scopes);
        var error = Assert.Single(errors);
        Assert.Equal(("MachineScopes", "There is no scope named 'no-such-scope'."), (error.Field, error.Message));
    }

    [Fact]
    public async Task ResolveAsync_NullName_IsNoScopeNotAnException()
    {
        var (_, errors) = await ResolveAsync([null!]);

        Assert.Equal("There is no scope named ''.", Assert.Single(errors).Message);
    }

    [Fact]
    public async Task ResolveAsync_NameInAnotherCase_IsNoScope()
    {
        var name = await CreateScopeAsync("lower");

        var (_, errors) = await ResolveAsync([name.ToUpperInvariant()]);

        Assert.Contains("There is no scope named", Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("openid")]
    [InlineData("profile")]
    [InlineData("email")]
    [InlineData("offline_access")]
    public async Task ResolveAsync_BuiltInOpenIdConnectScope_IsRefusedAsUserOnly(string name)
    {
        var (_, errors) = await ResolveAsync([name]);

        Assert.Equal($"The scope '{name}' is user-only: only a user can grant it, so it cannot be a machine scope.", Assert.Single(errors).Message);
    }

    [Fact]
    public async Task ResolveAsync_ScopeMarkedUserOnly_IsRefused()
    {
        var name = await CreateScopeAsync("private", userOnly: true);

        var (_, errors) = await ResolveAsync([name]);

        Assert.Contains("is user-only", Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("authorization_code")]
    [InlineData("authorization_code refresh_token urn:ietf:params:oauth:grant-type:device_code")]
    public async Task ResolveAsync_ClientWithoutClientCredentials_IsRefused(string grantTypes)
    {
        var name = await CreateScopeAsync("status");

        var (scopes, errors) = await ResolveAsync([name], grantTypes.Split(' '));

        Assert.Empty(scopes);
        Assert.Contains("Machine scopes are only for client_credentials", Assert.Single(errors).Message);
    }

    [Fact]
    public async Task ResolveAsync_NameListedTwice_IsRefused()
    {
        var name = await CreateScopeAsync("twice");

        var (_, errors) = await ResolveAsync([name, name]);

        Assert.Equal($"The machine scope '{name}' is listed twice.", Assert.Single(errors).Message);
    }

    [Fact]
    public async Task EligibleAsync_SomeScopesUserOnly_ListsOnlyTheOthers()
    {
        var (machine, userOnly) = (await CreateScopeAsync("eligible"), await CreateScopeAsync("ineligible", userOnly: true));

        var eligible = await factory.WithScopeAsync(s => s.GetRequiredService<RequireMachineScopes>().EligibleAsync());

        Assert.Contains(machine, eligible.Select(s => s.Name));
        Assert.DoesNotContain(userOnly, eligible.Select(s => s.Name));
        Assert.DoesNotContain(eligible, s => s.Name is "openid" or "profile" or "email" or "offline_access");
    }

    [Fact]
    public async Task WithdrawAsync_Scope_LeavesEveryClientAndRevokesOnlyLiveTokensWithoutAUserCarryingIt()
    {
        var (withdrawn, kept) = (await CreateScopeAsync("withdrawn"), await CreateScopeAsync("kept"));
        var owner = await TestUsers.CreateAsync(factory);
        var clients = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            clients.Add((await TestClients.RegisterAsync(factory, owner.Id, ["client_credentials"], [withdrawn, kept])).ClientId);
        }

        var machineToken = await TestTokens.IssueWithScopesAsync(factory, clients[0], null, withdrawn, kept);
        var otherMachineToken = await TestTokens.IssueWithScopesAsync(factory, clients[1], null, kept);
        var userToken = await TestTokens.IssueWithScopesAsync(factory, clients[0], owner.Id, withdrawn);
        var scopeId = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Scopes.Where(x => x.Name == withdrawn).Select(x => x.Id).SingleAsync());

        var (clientCount, tokenCount) = await factory.WithScopeAsync(s => s.GetRequiredService<RequireMachineScopes>().WithdrawAsync(scopeId));

        Assert.Equal((2, 1), (clientCount, tokenCount));
        Assert.True(await TestTokens.IsRevokedAsync(factory, machineToken));
        Assert.False(await TestTokens.IsRevokedAsync(factory, otherMachineToken));
        Assert.False(await TestTokens.IsRevokedAsync(factory, userToken));
        var left = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => clients.Contains(c.Id))
            .SelectMany(c => c.MachineScopes).Select(x => x.Name).ToListAsync());
        Assert.Equal([kept, kept], left);
    }
}
