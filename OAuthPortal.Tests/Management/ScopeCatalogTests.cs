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
}
