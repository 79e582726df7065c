using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Oidc.Keys;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>/Admin/Keys: the ring with phases and dates; Rotate, Rotate now and Revoke, each confirmed first and audited.</summary>
public sealed class KeysAdminTests
{
    private static Task<List<AuditEvent>> AuditAsync(PortalFactory factory, AuditAction action) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking().Where(e => e.Action == action).ToListAsync());

    [Fact]
    public async Task List_Admin_ShowsEachKeyWithItsPhaseAndNoKeyMaterial()
    {
        using var factory = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var stored = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().SigningKeys.AsNoTracking().ToListAsync());

        var (response, page) = await Html.GetPageAsync(admin, "/Admin/Keys");
        var html = page.DocumentElement.OuterHtml;

        Html.AssertStatus(HttpStatusCode.OK, response);
        var rows = page.QuerySelectorAll("[data-test=key-row]");
        Assert.Equal(stored.Select(k => k.Id).Order(StringComparer.Ordinal), rows.Select(r => r.GetAttribute("data-kid")).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal("Active", r.QuerySelector("[data-test=key-phase]")!.TextContent));
        Assert.All(stored, k => Assert.DoesNotContain(k.ProtectedPrivateKey[..40], html));
        var (_, index) = await Html.GetPageAsync(admin, "/Admin");
        Assert.Equal("/Admin/Keys", index.QuerySelector("[data-test=admin-nav-keys]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Rotate_Confirmed_PublishesAKeyPerAlgorithmAndAuditsTheAdmin()
    {
        using var factory = new PortalFactory();
        var (admin, email) = await AdminUi.AdminAsync(factory);
        var (_, list) = await Html.GetPageAsync(admin, "/Admin/Keys");
        var rotateUrl = list.QuerySelector("[data-test=rotate-keys]")!.GetAttribute("href")!;
        var (_, confirmation) = await Html.GetPageAsync(admin, rotateUrl);
        Assert.NotNull(confirmation.QuerySelector("[data-test=rotate-warning]"));
        Assert.Equal(2, (await TestSigningKeys.ListAsync(factory)).Count); // nothing happens before the confirmation

        var response = await AdminUi.PressAsync(admin, rotateUrl, "confirm-rotate");
        var (_, after) = await Html.GetPageAsync(admin, response.Headers.Location!.OriginalString);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal(2, after.QuerySelectorAll("[data-test=key-row][data-phase=Published]").Length);
        Assert.Contains("published", after.QuerySelector("[data-test=status-message]")!.TextContent);
        var audit = await AuditAsync(factory, AuditAction.SigningKeyRotated);
        Assert.Equal(2, audit.Count(e => e.Actor == email));
    }

    [Fact]
    public async Task RotateNow_Confirmed_NewKeysSignAtOnceAndTheMessageNamesTheOldKeys()
    {
        using var factory = new PortalFactory();
        var (admin, email) = await AdminUi.AdminAsync(factory);
        var old = await TestSigningKeys.ListAsync(factory);
        var (_, list) = await Html.GetPageAsync(admin, "/Admin/Keys");
        var rotateNowUrl = list.QuerySelector("[data-test=rotate-keys-now]")!.GetAttribute("href")!;
        var (_, confirmation) = await Html.GetPageAsync(admin, rotateNowUrl);
        Assert.NotNull(confirmation.QuerySelector("[data-test=rotate-now-warning]"));

        var response = await AdminUi.PressAsync(admin, rotateNowUrl, "confirm-rotate");
        var (_, after) = await Html.GetPageAsync(admin, response.Headers.Location!.OriginalString);

        var message = after.QuerySelector("[data-test=status-message]")!.TextContent;
        Assert.Contains("revoke", message);
        Assert.All(old, k => Assert.Contains(k.KeyId, message));
        foreach (var algorithm in SigningAlgorithms.All)
        {
            var active = await TestSigningKeys.SingleAsync(factory, algorithm, SigningKeyPhase.Active);
            Assert.DoesNotContain(old, k => k.KeyId == active.KeyId);
            Assert.Equal(active.KeyId, (await TestSigningKeys.SignAsync(factory, algorithm)).KeyId);
        }

        Assert.Equal(2, after.QuerySelectorAll("[data-test=key-row][data-phase=Retired]").Length);
        Assert.Equal(2, (await AuditAsync(factory, AuditAction.SigningKeyRotated)).Count(e => e.Actor == email));
    }

    [Fact]
    public async Task Revoke_ConfirmedForTheActiveKey_RemovedFromTheJwksReplacedAndAudited()
    {
        using var factory = new PortalFactory();
        var (admin, email) = await AdminUi.AdminAsync(factory);
        var old = await TestSigningKeys.SingleAsync(factory, SigningAlgorithms.RS256, SigningKeyPhase.Active);
        var (_, list) = await Html.GetPageAsync(admin, "/Admin/Keys");
        var revokeUrl = list.QuerySelector($"[data-test=key-row][data-kid='{old.KeyId}'] [data-test=revoke-key]")!.GetAttribute("href")!;
        var (_, confirmation) = await Html.GetPageAsync(admin, revokeUrl);
        Assert.NotNull(confirmation.QuerySelector("[data-test=revoke-active]"));
        Assert.Contains(old.KeyId, await TestSigningKeys.JwksKeyIdsAsync(factory)); // nothing happens before the confirmation

        var response = await AdminUi.PressAsync(admin, revokeUrl, "confirm-revoke");
        var (_, after) = await Html.GetPageAsync(admin, response.Headers.Location!.OriginalString);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        var replacement = await TestSigningKeys.SingleAsync(factory, SigningAlgorithms.RS256, SigningKeyPhase.Active);
        Assert.Contains($"{replacement.KeyId} signs now", after.QuerySelector("[data-test=status-message]")!.TextContent);
        Assert.Equal("Revoked", after.QuerySelector($"[data-test=key-row][data-kid='{old.KeyId}']")!.GetAttribute("data-phase"));
        Assert.Null(after.QuerySelector($"[data-test=key-row][data-kid='{old.KeyId}'] [data-test=revoke-key]"));
        Assert.DoesNotContain(old.KeyId, await TestSigningKeys.JwksKeyIdsAsync(factory));
        Assert.Contains(await AuditAsync(factory, AuditAction.SigningKeyRevoked), e => e.Actor == email && e.Target == $"key:{old.KeyId} (RS256)");
        Assert.Contains(await AuditAsync(factory, AuditAction.SigningKeyCreated), e => e.Actor == email && e.Target == $"key:{replacement.KeyId} (RS256)");
    }

    [Fact]
    public async Task Revoke_UnknownKid_Is404()
    {
        using var factory = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(factory);

        Html.AssertStatus(HttpStatusCode.NotFound, await admin.GetAsync("/Admin/Keys/Revoke/no-such-kid"));
    }

    [Theory]
    [InlineData("/Admin/Keys")]
    [InlineData("/Admin/Keys/Rotate?now=true")]
    public async Task Get_SignedInNonAdmin_Is403(string path)
    {
        using var factory = new PortalFactory();
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);

        Html.AssertStatus(HttpStatusCode.Forbidden, await browser.GetAsync(path));
    }
}
