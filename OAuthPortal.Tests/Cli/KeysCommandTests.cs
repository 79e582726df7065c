using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Oidc.Keys;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Cli;

/// <summary><c>keys list</c>, <c>keys rotate [--now] [--algorithm]</c>, <c>keys revoke KID</c>; each test on its own portal (they change the ring).</summary>
public sealed class KeysCommandTests
{
    [Fact]
    public async Task KeysList_FreshPortal_ShowsTheActiveKeysAsTableAndJson()
    {
        using var factory = new PortalFactory();
        var keys = await TestSigningKeys.ListAsync(factory);

        var text = await CliRunner.RunAsync(factory, "keys", "list");
        var json = await CliRunner.RunAsync(factory, "keys", "list", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith("KID", text.Output);
        Assert.Contains("DELETE AFTER", text.Output);
        foreach (var key in keys)
        {
            Assert.Matches($@"(?m)^{key.KeyId}\s+{key.Algorithm}\s+active\s+2026-01-15 09:00:00\s+2026-01-15 09:00:00\s+-\s+-\s*$", text.Output);
        }

        var listed = JsonSerializer.Deserialize<JsonElement>(json.Output).EnumerateArray().ToList();
        Assert.Equal(keys.Select(k => k.KeyId).Order(StringComparer.Ordinal), listed.Select(k => k.GetProperty("kid").GetString()).Order(StringComparer.Ordinal));
        Assert.All(listed, k => Assert.Equal("active", k.GetProperty("phase").GetString()));
        Assert.DoesNotContain("Protected", json.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task KeysRotate_Default_PublishesAheadForBothAlgorithmsAndASecondRunDoesNothing()
    {
        using var factory = new PortalFactory();

        var first = await CliRunner.RunAsync(factory, "keys", "rotate");
        var second = await CliRunner.RunAsync(factory, "keys", "rotate");

        Assert.Equal(0, first.ExitCode);
        var published = (await TestSigningKeys.ListAsync(factory)).Where(k => k.Phase == SigningKeyPhase.Published).ToList();
        Assert.Equal(2, published.Count);
        Assert.All(published, k => Assert.Contains($"{k.Algorithm}: new key {k.KeyId} published; it signs from 2026-01-16 09:00:00 UTC", first.Output));
        Assert.Equal(2, second.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("nothing to do")));
    }

    [Fact]
    public async Task KeysRotate_NowForOneAlgorithm_NewKeySignsAtOnceAndTheOutputSaysWhichKeyToRevoke()
    {
        using var factory = new PortalFactory();
        var old = await TestSigningKeys.SingleAsync(factory, SigningAlgorithms.ES256, SigningKeyPhase.Active);

        var run = await CliRunner.RunAsync(factory, "keys", "rotate", "--now", "--algorithm", "ES256");

        Assert.Equal(0, run.ExitCode);
        var active = await TestSigningKeys.SingleAsync(factory, SigningAlgorithms.ES256, SigningKeyPhase.Active);
        Assert.Equal(active.KeyId, (await TestSigningKeys.SignAsync(factory, SigningAlgorithms.ES256)).KeyId);
        Assert.Contains($"ES256: new key {active.KeyId} signs now; {old.KeyId} retired.", run.Output);
        Assert.Contains($"keys revoke {old.KeyId}", run.Output);
        Assert.DoesNotContain("RS256", run.Output);
        Assert.Equal(3, (await TestSigningKeys.ListAsync(factory)).Count);
    }

    [Fact]
    public async Task KeysRotate_UnknownAlgorithm_FailsWithOneLine()
    {
        using var factory = new PortalFactory();

        var run = await CliRunner.RunAsync(factory, "keys", "rotate", "--algorithm", "HS256");

        CliRunner.AssertOneLineError(run, "HS256");
    }

    [Fact]
    public async Task KeysRevoke_ActiveKey_RemovedFromTheJwksReplacedAndAuditedAsCli()
    {
        using var factory = new PortalFactory();
        var old = await TestSigningKeys.SingleAsync(factory, SigningAlgorithms.RS256, SigningKeyPhase.Active);

        var run = await CliRunner.RunAsync(factory, "keys", "revoke", old.KeyId);

        Assert.Equal(0, run.ExitCode);
        var replacement = await TestSigningKeys.SingleAsync(factory, SigningAlgorithms.RS256, SigningKeyPhase.Active);
        Assert.Contains($"Revoked key {old.KeyId} (RS256)", run.Output);
        Assert.Contains($"{replacement.KeyId} signs now", run.Output);
        Assert.DoesNotContain(old.KeyId, await TestSigningKeys.JwksKeyIdsAsync(factory));
        var audit = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditAction.SigningKeyRevoked).ToListAsync());
        Assert.Contains(audit, e => e.Actor == "cli" && e.Target == $"key:{old.KeyId} (RS256)");
    }

    [Fact]
    public async Task KeysRevoke_UnknownKid_FailsWithOneLine()
    {
        using var factory = new PortalFactory();

        var run = await CliRunner.RunAsync(factory, "keys", "revoke", "no-such-kid");

        CliRunner.AssertOneLineError(run, "No signing key has the kid 'no-such-kid'");
    }
}
