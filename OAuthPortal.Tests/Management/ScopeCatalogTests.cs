using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management;
using OAuthPortal.Management.Scopes;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Management;

public sealed class ScopeCatalogTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<Outcome<Scope>> CreateAsync(string name, string description) =>
        factory.WithScopeAsync(s => s.GetRequiredService<ScopeCatalog>().CreateAsync(name, description));

    [Fact]
    public async Task CreateAsync_ValidScope_IsListed()
    {
        var name = Unique.Name("read");

        var outcome = await CreateAsync(name, "  Read your things  ");

        Assert.True(outcome.Succeeded);
        var listed = await factory.WithScopeAsync(s => s.GetRequiredService<ScopeCatalog>().ListAsync());
        Assert.Contains(listed, s => s.Name == name && s.Description == "Read your things");
    }

    [Fact]
    public async Task CreateAsync_DuplicateName_Fails()
    {
        var name = Unique.Name("dup");
        await CreateAsync(name, "First");

        var outcome = await CreateAsync(name, "Second");

        Assert.False(outcome.Succeeded);
        Assert.Contains("already exists", Assert.Single(outcome.Errors).Message);
    }

    [Fact]
    public async Task CreateAsync_NameDifferingOnlyInCase_IsAnotherScope()
    {
        // RFC 6749 §3.3: scope tokens are case-sensitive.
        var name = Unique.Name("case");

        Assert.True((await CreateAsync(name, "Lower")).Succeeded);
        Assert.True((await CreateAsync(name.ToUpperInvariant(), "Upper")).Succeeded);
    }

    [Theory]
    [InlineData("has space", "Description", "Name")]
    [InlineData("", "Description", "Name")]
    [InlineData("valid-name", "   ", "Description")]
    public async Task CreateAsync_InvalidInput_FailsOnThatField(string name, string description, string field)
    {
        var outcome = await CreateAsync(name, description);

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Errors, e => e.Field == field);
    }

    [Fact]
    public async Task ListAsync_SeveralScopes_SortedByName()
    {
        var prefix = Unique.Name("sort");
        await CreateAsync(prefix + "-b", "B");
        await CreateAsync(prefix + "-a", "A");

        var listed = await factory.WithScopeAsync(s => s.GetRequiredService<ScopeCatalog>().ListAsync());

        var ours = listed.Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(s => s.Name).ToList();
        Assert.Equal([prefix + "-a", prefix + "-b"], ours);
    }

    private Task<int> IdOfAsync(string name) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Scopes.Where(x => x.Name == name).Select(x => x.Id).SingleAsync());

    private Task<Outcome<ScopeSaved>?> UpdateAsync(int id, string description, bool userOnly) =>
        factory.WithScopeAsync(s => s.GetRequiredService<ScopeCatalog>().UpdateAsync(id, description, userOnly, "admin@example.test"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateAsync_UserOnlyFlag_IsStoredAsGiven(bool userOnly)
    {
        var name = Unique.Name("flag");

        await factory.WithScopeAsync(s => s.GetRequiredService<ScopeCatalog>().CreateAsync(name, "Flagged", userOnly: userOnly));

        var listed = await factory.WithScopeAsync(s => s.GetRequiredService<ScopeCatalog>().ListAsync());
        Assert.Equal(userOnly, listed.Single(s => s.Name == name).UserOnly);
    }

    [Theory]
    [InlineData("openid")]
    [InlineData("profile")]
    [InlineData("email")]
    [InlineData("offline_access")]
    public async Task UpdateAsync_BuiltInScopeNoLongerUserOnly_IsRefusedOnThatField(string name)
    {
        var id = await IdOfAsync(name);

        var outcome = await UpdateAsync(id, "Reworded", userOnly: false);

        Assert.Equal("UserOnly", Assert.Single(outcome!.Errors).Field);
        Assert.True((await factory.WithScopeAsync(s => s.GetRequiredService<ScopeCatalog>().FindAsync(id)))!.UserOnly);
    }

    [Fact]
    public async Task UpdateAsync_BuiltInScopeKeptUserOnly_SavesTheDescription()
    {
        var id = await IdOfAsync("email");
        var description = (await factory.WithScopeAsync(s => s.GetRequiredService<ScopeCatalog>().FindAsync(id)))!.Description;

        var outcome = await UpdateAsync(id, description, userOnly: true);

        Assert.True(outcome!.Succeeded);
        Assert.False(outcome.Value!.BecameUserOnly);
    }

    [Fact]
    public async Task UpdateAsync_MadeUserOnly_LeavesMachineScopesRevokesMachineTokensAndAudits()
    {
        var name = (await CreateAsync(Unique.Name("becomes"), "Machine status")).Value!.Name;
        var owner = await TestUsers.CreateAsync(factory);
        var client = await TestClients.RegisterAsync(factory, owner.Id, ["client_credentials"], [name]);
        var token = await TestTokens.IssueWithScopesAsync(factory, client.ClientId, null, name);

        var outcome = await UpdateAsync(await IdOfAsync(name), "Machine status", userOnly: true);

        Assert.Equal(new ScopeSaved(name, true, 1, 1), outcome!.Value);
        Assert.True(await TestTokens.IsRevokedAsync(factory, token));
        var stored = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == client.ClientId).SelectMany(c => c.MachineScopes).CountAsync());
        Assert.Equal(0, stored);
        var audit = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.Where(a => a.Target == $"scope:{name}" && a.Action == AuditAction.ScopeEdited).SingleAsync());
        Assert.Equal(("admin@example.test", "made user-only: removed from the machine scopes of 1 client(s), revoked 1 token(s) without a user"), (audit.Actor, audit.Details));
    }

    [Fact]
    public async Task UpdateAsync_NoLongerUserOnly_IsSaved()
    {
        var name = (await factory.WithScopeAsync(s => s.GetRequiredService<ScopeCatalog>().CreateAsync(Unique.Name("was"), "Was user-only", userOnly: true))).Value!.Name;

        var outcome = await UpdateAsync(await IdOfAsync(name), "Now for machines", userOnly: false);

        Assert.Equal(new ScopeSaved(name, false, 0, 0), outcome!.Value);
        var listed = await factory.WithScopeAsync(s => s.GetRequiredService<ScopeCatalog>().ListAsync());
        Assert.False(listed.Single(s => s.Name == name).UserOnly);
    }
}
