using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Oidc.Keys;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Oidc.Keys;

/// <summary>
/// The lifecycle end to end, each test on its own portal: published ahead -> active -> retired -> deleted, rotation at
/// once, revocation; with OAuth:IdTokenLifetime 5 minutes, RotationInterval 90 days and PublishAhead 1 day (defaults).
/// </summary>
public sealed class SigningKeyRotationTests
{
    /// <summary>How long a retired key stays published: the id_token lifetime plus the clock-skew allowance.</summary>
    private static readonly TimeSpan Retirement = TimeSpan.FromMinutes(5) + SigningKeyLifecycle.ClockSkew;

    private static SigningKeyRotation Rotation(IServiceProvider services) => services.GetRequiredService<SigningKeyRotation>();

    [Fact]
    public async Task BackgroundCheck_BeforeRotationIntervalMinusPublishAhead_AddsNoKey()
    {
        using var factory = new PortalFactory();
        await TestSigningKeys.ListAsync(factory);
        factory.Clock.Advance(TimeSpan.FromDays(89) - TimeSpan.FromMinutes(1));

        await TestSigningKeys.CheckAsync(factory);

        Assert.Equal(2, (await TestSigningKeys.ListAsync(factory)).Count);
    }

    [Fact]
    public async Task BackgroundCheck_RotationDue_PublishesAheadThenTheNewKeySignsAfterPublishAhead()
    {
        using var factory = new PortalFactory();
        var old = await TestSigningKeys.SingleAsync(factory, SigningAlgorithms.RS256, SigningKeyPhase.Active);
        factory.Clock.Advance(TimeSpan.FromDays(89));

        await TestSigningKeys.CheckAsync(factory);
        var published = await TestSigningKeys.SingleAsync(factory, SigningAlgorithms.RS256, SigningKeyPhase.Published);
        var signerWhilePublished = (await TestSigningKeys.SignAsync(factory, SigningAlgorithms.RS256)).KeyId;
        var jwksWhilePublished = await TestSigningKeys.JwksKeyIdsAsync(factory);
        factory.Clock.Advance(TimeSpan.FromDays(1));
        var signerAfter = (await TestSigningKeys.SignAsync(factory, SigningAlgorithms.RS256)).KeyId;

        Assert.Equal(PortalFactory.Start.UtcDateTime.AddDays(90), published.ActivatesAt);
        Assert.Equal(2, published.Generation);
        Assert.Equal(old.KeyId, signerWhilePublished);
        Assert.Contains(published.KeyId, jwksWhilePublished);
        Assert.Equal(published.KeyId, signerAfter);
        var retired = await TestSigningKeys.SingleAsync(factory, SigningAlgorithms.RS256, SigningKeyPhase.Retired);
        Assert.Equal(old.KeyId, retired.KeyId);
        Assert.Equal(published.ActivatesAt, retired.RetiredAt);
        Assert.Equal(published.ActivatesAt + Retirement, retired.DeleteAfter);
        Assert.Single(await TestSigningKeys.ListAsync(factory), k => k.Algorithm == SigningAlgorithms.ES256 && k.Phase == SigningKeyPhase.Active);
    }

    [Theory]
    [InlineData(SigningAlgorithms.RS256)]
    [InlineData(SigningAlgorithms.ES256)]
    public async Task Rotate_TokenSignedBefore_StillValidatesAfterAndTheNewKeySignsAfterActivation(string algorithm)
    {
        using var factory = new PortalFactory();
        var (before, oldKid) = await TestSigningKeys.SignAsync(factory, algorithm);

        var result = await factory.WithScopeAsync(s => Rotation(s).RotateAsync(algorithm, immediately: false, "test"));
        var validAfterRotate = await TestSigningKeys.ValidatesAsync(factory, before);
        factory.Clock.Advance(TimeSpan.FromDays(1));
        var (after, newKid) = await TestSigningKeys.SignAsync(factory, algorithm);

        Assert.Equal(SigningKeyRotationOutcome.Published, result.Outcome);
        Assert.Equal(oldKid, result.PreviousKeyId);
        Assert.True(validAfterRotate);
        Assert.Equal(result.KeyId, newKid);
        Assert.True(await TestSigningKeys.ValidatesAsync(factory, before));
        Assert.True(await TestSigningKeys.ValidatesAsync(factory, after));
    }

    [Fact]
    public async Task Rotate_AheadWhileAKeyIsPublished_DoesNothing()
    {
        using var factory = new PortalFactory();
        var first = await factory.WithScopeAsync(s => Rotation(s).RotateAsync(SigningAlgorithms.ES256, immediately: false, "test"));

        var second = await factory.WithScopeAsync(s => Rotation(s).RotateAsync(SigningAlgorithms.ES256, immediately: false, "test"));

        Assert.Equal(SigningKeyRotationOutcome.AlreadyPublished, second.Outcome);
        Assert.Equal(first.KeyId, second.KeyId);
        Assert.Equal(3, (await TestSigningKeys.ListAsync(factory)).Count);
    }

    [Fact]
    public async Task RotateNow_NewKeySignsAtOnceAndTheOldOneIsRetired()
    {
        using var factory = new PortalFactory();
        var (before, oldKid) = await TestSigningKeys.SignAsync(factory, SigningAlgorithms.RS256);
        factory.Clock.Advance(TimeSpan.FromHours(1));

        var result = await factory.WithScopeAsync(s => Rotation(s).RotateAsync(SigningAlgorithms.RS256, immediately: true, "test"));

        Assert.Equal(SigningKeyRotationOutcome.Activated, result.Outcome);
        Assert.Equal(oldKid, result.PreviousKeyId);
        Assert.Equal(result.KeyId, (await TestSigningKeys.SignAsync(factory, SigningAlgorithms.RS256)).KeyId);
        var old = Assert.Single(await TestSigningKeys.ListAsync(factory), k => k.KeyId == oldKid);
        Assert.Equal(SigningKeyPhase.Retired, old.Phase);
        Assert.True(await TestSigningKeys.ValidatesAsync(factory, before));
    }

    [Fact]
    public async Task Retirement_OverAndTheBackgroundCheckRuns_KeyIsGoneFromTheJwksAndTheTableAndAudited()
    {
        using var factory = new PortalFactory();
        var (before, oldKid) = await TestSigningKeys.SignAsync(factory, SigningAlgorithms.RS256);
        await factory.WithScopeAsync(s => Rotation(s).RotateAsync(SigningAlgorithms.RS256, immediately: true, "test"));
        factory.Clock.Advance(Retirement - TimeSpan.FromSeconds(1));
        var stillPublished = await TestSigningKeys.JwksKeyIdsAsync(factory);

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await TestSigningKeys.CheckAsync(factory);

        Assert.Contains(oldKid, stillPublished);
        Assert.DoesNotContain(oldKid, await TestSigningKeys.JwksKeyIdsAsync(factory));
        Assert.DoesNotContain(await TestSigningKeys.ListAsync(factory), k => k.KeyId == oldKid);
        Assert.False(await TestSigningKeys.ValidatesAsync(factory, before));
        var audit = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditAction.SigningKeyDeleted).ToListAsync());
        Assert.Contains(audit, e => e.Target.StartsWith($"key:{oldKid}", StringComparison.Ordinal) && e.Actor == "system");
    }

    [Fact]
    public async Task Revoke_ActiveKey_GoneFromTheJwksAtOnceAndANewKeySigns()
    {
        using var factory = new PortalFactory();
        var (before, oldKid) = await TestSigningKeys.SignAsync(factory, SigningAlgorithms.ES256);

        var result = await factory.WithScopeAsync(s => s.GetRequiredService<SigningKeyRemoval>().RevokeAsync(oldKid, "test"));

        Assert.NotNull(result?.ReplacementKeyId);
        Assert.DoesNotContain(oldKid, await TestSigningKeys.JwksKeyIdsAsync(factory));
        Assert.False(await TestSigningKeys.ValidatesAsync(factory, before));
        var (after, newKid) = await TestSigningKeys.SignAsync(factory, SigningAlgorithms.ES256);
        Assert.Equal(result!.ReplacementKeyId, newKid);
        Assert.True(await TestSigningKeys.ValidatesAsync(factory, after));
        Assert.Equal(SigningKeyPhase.Revoked, (await TestSigningKeys.ListAsync(factory)).Single(k => k.KeyId == oldKid).Phase);
    }

    [Fact]
    public async Task Revoke_PublishedKey_GoneFromTheJwksAndTheActiveKeyKeepsSigningPastItsDate()
    {
        using var factory = new PortalFactory();
        var active = await TestSigningKeys.SingleAsync(factory, SigningAlgorithms.RS256, SigningKeyPhase.Active);
        var published = await factory.WithScopeAsync(s => Rotation(s).RotateAsync(SigningAlgorithms.RS256, immediately: false, "test"));

        var result = await factory.WithScopeAsync(s => s.GetRequiredService<SigningKeyRemoval>().RevokeAsync(published.KeyId, "test"));
        factory.Clock.Advance(TimeSpan.FromDays(2));

        Assert.Null(result!.ReplacementKeyId);
        Assert.DoesNotContain(published.KeyId, await TestSigningKeys.JwksKeyIdsAsync(factory));
        Assert.Equal(active.KeyId, (await TestSigningKeys.SignAsync(factory, SigningAlgorithms.RS256)).KeyId);
        Assert.Null((await TestSigningKeys.ListAsync(factory)).Single(k => k.KeyId == active.KeyId).RetiredAt);
    }

    [Fact]
    public async Task Logs_StartRotateAndRevoke_NeverContainKeyMaterial()
    {
        var logs = new ListLoggerProvider();
        using var factory = PortalFactory.With(new Dictionary<string, string?>(), configureServices: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        var active = await TestSigningKeys.SingleAsync(factory, SigningAlgorithms.RS256, SigningKeyPhase.Active);
        await factory.WithScopeAsync(s => Rotation(s).RotateAsync(SigningAlgorithms.RS256, immediately: true, "test"));
        await factory.WithScopeAsync(s => s.GetRequiredService<SigningKeyRemoval>().RevokeAsync(active.KeyId, "test"));
        factory.Clock.Advance(TimeSpan.FromDays(89));
        await TestSigningKeys.CheckAsync(factory);

        var stored = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().SigningKeys.AsNoTracking().ToListAsync());

        Assert.Contains(logs.Entries, e => e.Message.Contains("Signing key", StringComparison.Ordinal));
        Assert.All(stored, k => Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(k.ProtectedPrivateKey[..40], StringComparison.Ordinal)));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("PRIVATE KEY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Revoke_UnknownKid_ReturnsNull()
    {
        using var factory = new PortalFactory();

        var result = await factory.WithScopeAsync(s => s.GetRequiredService<SigningKeyRemoval>().RevokeAsync("no-such-kid", "test"));

        Assert.Null(result);
    }
}
