using System.Text.Json;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

public sealed class ScopesCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task ScopesCreate_ValidInput_IsListedAsTextAndJson()
    {
        var name = Unique.Name("profile");

        var created = await CliRunner.RunAsync(factory, "scopes", "create", "--name", name, "--description", "Your name and e-mail");
        var text = await CliRunner.RunAsync(factory, "scopes", "list");
        var json = await CliRunner.RunAsync(factory, "scopes", "list", "--json");

        Assert.Equal(0, created.ExitCode);
        Assert.Equal($"Created scope {name}.", created.Output.Trim());
        Assert.Matches($@"(?m)^{name}\s+no\s+Your name and e-mail\s*$", text.Output);
        Assert.Matches(@"^NAME\s+USER-ONLY\s+DESCRIPTION", text.Output);
        var listed = JsonSerializer.Deserialize<JsonElement>(json.Output).EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == name);
        Assert.Equal("Your name and e-mail", listed.GetProperty("description").GetString());
        Assert.False(listed.GetProperty("user_only").GetBoolean());
    }

    [Fact]
    public async Task ScopesCreate_UserOnly_IsListedAsUserOnly()
    {
        var name = Unique.Name("private");

        var created = await CliRunner.RunAsync(factory, "scopes", "create", "--name", name, "--description", "Your diary", "--user-only");
        var text = await CliRunner.RunAsync(factory, "scopes", "list");
        var json = await CliRunner.RunAsync(factory, "scopes", "list", "--json");

        Assert.Equal($"Created scope {name} (user-only).", created.Output.Trim());
        Assert.Matches($@"(?m)^{name}\s+yes\s+Your diary\s*$", text.Output);
        Assert.True(JsonSerializer.Deserialize<JsonElement>(json.Output).EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == name).GetProperty("user_only").GetBoolean());
    }

    [Fact]
    public async Task ScopesCreate_DuplicateName_FailsWithOneLine()
    {
        var name = Unique.Name("dup");
        await CliRunner.RunAsync(factory, "scopes", "create", "--name", name, "--description", "First");

        var run = await CliRunner.RunAsync(factory, "scopes", "create", "--name", name, "--description", "Second");

        CliRunner.AssertOneLineError(run, "already exists");
    }

    [Fact]
    public async Task ScopesCreate_NameWithSpace_FailsWithOneLine()
    {
        var run = await CliRunner.RunAsync(factory, "scopes", "create", "--name", "read write", "--description", "Both");

        CliRunner.AssertOneLineError(run, "RFC 6749 section 3.3");
    }

    [Fact]
    public async Task ScopesCreate_BlankDescription_FailsWithOneLine()
    {
        var run = await CliRunner.RunAsync(factory, "scopes", "create", "--name", Unique.Name("nodesc"), "--description", " ");

        CliRunner.AssertOneLineError(run, "description is required");
    }

    [Fact]
    public async Task ScopesList_FreshDatabase_ListsTheBuiltInOpenIdConnectScopes()
    {
        using var fresh = new PortalFactory();

        var text = await CliRunner.RunAsync(fresh, "scopes", "list");
        var json = await CliRunner.RunAsync(fresh, "scopes", "list", "--json");

        Assert.All(new[] { "openid", "profile", "email", "offline_access" }, name => Assert.Matches($@"(?m)^{name}\s+yes\s", text.Output));
        Assert.Equal(["email", "offline_access", "openid", "profile"],
            System.Text.Json.JsonDocument.Parse(json.Output).RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()).Order());
    }
}
