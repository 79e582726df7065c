using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Protocol.Token;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>The audit log (every audited action, filters, paging, failure isolation) and the dashboard built on it.</summary>
public sealed class AuditAndDashboardTests
{
    private static readonly AuditAction[] AccountEvents =
    [
        AuditAction.SignedIn, AuditAction.SignInFailed, AuditAction.UserLockedOut, AuditAction.UserRegistered, AuditAction.TwoFactorEnabled,
        AuditAction.TwoFactorDisabled, AuditAction.RecoveryCodesGenerated, AuditAction.AuthenticatorReset, AuditAction.PasskeyAdded,
        AuditAction.PasskeyRenamed, AuditAction.PasskeyRemoved, AuditAction.UserCreated, AuditAction.UserSessionsEnded,
    ];

    private static Task<List<AuditEvent>> EntriesAsync(PortalFactory factory) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task Audit_EveryAuditedAction_IsRecordedWithActorTargetAndTime()
    {
        using var factory = new PortalFactory();
        var (admin, adminEmail) = await AdminUi.AdminAsync(factory);
        var developer = await TestUsers.CreateAsync(factory);
        var developerBrowser = await SignIn.ClientForAsync(factory, developer.Email!);
        var client = await DeveloperUi.CreateAsync(developerBrowser);                                                   // ClientCreated
        var (_, edit) = await Html.GetPageAsync(developerBrowser, $"/Developer/Clients/{client.ClientId}/Edit");
        await Html.SubmitAsync(developerBrowser, edit.Form("form#client-form"), new Dictionary<string, string> { ["Input.Name"] = "Renamed" }); // ClientEdited
        await DeveloperUi.PressAsync(developerBrowser, $"/Developer/Clients/{client.ClientId}/Rotate", "confirm-rotate");   // ClientSecretRotated
        await DeveloperUi.PressAsync(developerBrowser, $"/Developer/Clients/{client.ClientId}", "toggle");                  // ClientDisabled
        await DeveloperUi.PressAsync(developerBrowser, $"/Developer/Clients/{client.ClientId}", "toggle");                  // ClientEnabled
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1);
        await Consent.DeclineAsync(scenario.Browser, scenario.AuthorizeUrl());                                             // ConsentDenied
        var code = await TokenEndpoint.AuthorizeAsync(scenario);                                                           // ConsentGranted
        var tokens = await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));
        await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));                   // AuthorizationCodeReused
        var again = await TokenEndpoint.ObtainTokensAsync(scenario);
        var rotated = await TokenEndpoint.TokenAsync(factory.CreateClient(), AuthorizationCodeGrantTests.RefreshForm(scenario, again["refresh_token"]!));
        await TokenEndpoint.TokenAsync(factory.CreateClient(), AuthorizationCodeGrantTests.RefreshForm(scenario, again["refresh_token"]!)); // RefreshTokenReused
        await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, "x", ("client_secret", "wrong"))); // ClientAuthenticationFailed
        var third = await TokenEndpoint.ObtainTokensAsync(scenario);
        await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/revoke", new Dictionary<string, string> { ["token"] = third["access_token"]! },
            TokenEndpoint.Basic(scenario.ClientId, scenario.ClientSecret!));                                               // TokenRevoked by client
        await AdminUi.PressAsync(scenario.Browser, $"/Account/Apps/{scenario.ClientId}/Revoke", "confirm-revoke");       // ConsentRevoked
        var (_, users) = await Html.GetPageAsync(admin, $"/Admin/Users?q={Uri.EscapeDataString(developer.Email!)}");
        var details = users.QuerySelector("[data-test=user-row] a")!.GetAttribute("href")!;
        await AdminUi.PressAsync(admin, details, "toggle-admin");                                                         // AdminRoleGranted
        await AdminUi.PressAsync(admin, details, "toggle-admin");                                                         // AdminRoleRemoved
        await AdminUi.PressAsync(admin, details, "toggle-lock");                                                          // UserLocked
        await AdminUi.PressAsync(admin, details, "toggle-lock");                                                          // UserUnlocked
        developerBrowser = await SignIn.ClientForAsync(factory, developer.Email!); // the lock ended the developer's sessions
        await DeveloperUi.PressAsync(developerBrowser, $"/Developer/Clients/{client.ClientId}/Delete", "confirm-delete");  // ClientDeleted

        var entries = await EntriesAsync(factory);

        // Scope changes are checked by ScopesAdminTests, account deletion by DeleteAccountTests, signing-key rotation,
        // revocation and deletion by KeysAdminTests and SigningKeyRotationTests (the first keys, SigningKeyCreated, are made at start),
        // failed back-channel logouts by BackchannelLogoutTests, a secret deleted or created by a switch of authentication
        // method by ClientAuthenticationPageTests, protected resource changes by ResourcesAdminTests,
        // initial access tokens created and revoked by RegistrationTokensPageTests, a password set by the CLI (and user
        // deletion by the CLI) by UsersSetPasswordCommandTests and UsersAdminCommandTests; the sign-in, two-factor, passkey and
        // admin user events of #19 by the tests of those features.
        var expected = Enum.GetValues<AuditAction>().Except([AuditAction.ScopeCreated, AuditAction.ScopeEdited, AuditAction.ScopeDeleted, AuditAction.UserDeleted,
            AuditAction.SigningKeyRotated, AuditAction.SigningKeyRevoked, AuditAction.SigningKeyDeleted, AuditAction.BackchannelLogoutFailed,
            AuditAction.ClientSecretDeleted, AuditAction.ClientSecretCreated, AuditAction.ResourceCreated, AuditAction.ResourceEdited, AuditAction.ResourceDeleted,
            AuditAction.InitialAccessTokenCreated, AuditAction.InitialAccessTokenRevoked, AuditAction.UserPasswordSet,
            .. AccountEvents]);
        Assert.All(expected, action => Assert.Contains(entries, e => e.Action == action));
        Assert.Contains(entries, e => e.Action == AuditAction.ClientCreated && e.Actor == developer.Email && e.Target.Contains(client.ClientId));
        Assert.Contains(entries, e => e.Action == AuditAction.ConsentGranted && e.Actor == scenario.User.Email);
        Assert.Contains(entries, e => e.Action == AuditAction.AuthorizationCodeReused && e.Actor == $"client:{scenario.ClientId}" && e.Details.Contains(scenario.User.Email!));
        Assert.Contains(entries, e => e.Action == AuditAction.TokenRevoked && e.Actor == $"client:{scenario.ClientId}");
        Assert.Contains(entries, e => e.Action == AuditAction.AdminRoleGranted && e.Actor == adminEmail && e.Target == $"user:{developer.Email}");
        Assert.All(entries, e => Assert.Equal(PortalFactory.Start.UtcDateTime, e.OccurredAt));
        Assert.NotNull(tokens["access_token"]);
        Assert.NotNull(rotated["access_token"]);
    }

    [Fact]
    public async Task AuditPage_FilterByActionAndActorAndPaging_ShowsOnlyMatches()
    {
        using var factory = new PortalFactory();
        var (admin, adminEmail) = await AdminUi.AdminAsync(factory);
        for (var i = 0; i < 27; i++)
        {
            await TokenEndpoint.TokenAsync(factory.CreateClient(), new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = "x", ["client_id"] = $"probe-{i}", ["client_secret"] = "s",
            });
        }

        var (_, failures) = await Html.GetPageAsync(admin, "/Admin/Audit?action=ClientAuthenticationFailed");
        var (_, second) = await Html.GetPageAsync(admin, "/Admin/Audit?action=ClientAuthenticationFailed&p=2");
        var (_, byActor) = await Html.GetPageAsync(admin, "/Admin/Audit?actor=anonymous");
        var (_, none) = await Html.GetPageAsync(admin, $"/Admin/Audit?action=ClientAuthenticationFailed&actor={Uri.EscapeDataString(adminEmail)}");

        Assert.Equal(25, failures.QuerySelectorAll("[data-test=audit-row]").Length);
        Assert.Equal(2, second.QuerySelectorAll("[data-test=audit-row]").Length);
        // A failed client authentication proved nothing: the actor is anonymous, the claimed client_id only the target.
        Assert.All(byActor.QuerySelectorAll("[data-test=audit-actor]"), a => Assert.Equal("anonymous", a.TextContent));
        Assert.Contains("client:probe-13", failures.QuerySelectorAll("[data-test=audit-target]").Concat(second.QuerySelectorAll("[data-test=audit-target]"))
            .Select(t => t.TextContent));
        Assert.Empty(none.QuerySelectorAll("[data-test=audit-row]"));
    }

    [Fact]
    public async Task Audit_WhenTheAuditWriteFails_TheRequestItRecordsStillSucceeds()
    {
        using var factory = new PortalFactory();
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1);
        var before = (await EntriesAsync(factory)).Count;
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER no_audit BEFORE INSERT ON AuditEvents BEGIN SELECT RAISE(ABORT, 'audit is down'); END;";
            await command.ExecuteNonQueryAsync();
        }

        var response = await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl());

        Assert.Contains("code", OAuthAssert.RedirectsTo(response, scenario.RedirectUri, HttpStatusCode.SeeOther).Keys);
        Assert.Equal(before, (await EntriesAsync(factory)).Count);
    }

    [Fact]
    public async Task Dashboard_CountsChartAndSecurityEvents_ReflectTheData()
    {
        using var factory = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1);
        await TokenEndpoint.ObtainTokensAsync(scenario);
        factory.Clock.Advance(TimeSpan.FromDays(1));
        var code = await TokenEndpoint.AuthorizeAsync(scenario, ("prompt", "consent"));
        await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));
        await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));
        (admin, _) = await AdminUi.AdminAsync(factory);

        var (_, page) = await Html.GetPageAsync(admin, "/Admin");

        string Count(string label) => page.QuerySelector($"[data-test=count][data-label='{label}']")!.TextContent;
        Assert.Equal("4", Count("Users"));
        Assert.Equal("1", Count("Clients"));
        Assert.Equal("5", Count("Scopes")); // openid, profile, email, offline_access and the scenario's
        Assert.Equal("1", Count("Active tokens"));
        var bars = page.QuerySelectorAll("[data-test=chart-bar]").ToList();
        Assert.Equal(14, bars.Count);
        Assert.Equal(("2026-01-15", "1"), (bars[^2].GetAttribute("data-day"), bars[^2].GetAttribute("data-count")));
        Assert.Equal(("2026-01-16", "1"), (bars[^1].GetAttribute("data-day"), bars[^1].GetAttribute("data-count")));
        Assert.Contains(page.QuerySelectorAll("[data-test=security-event]"), e => e.GetAttribute("data-action") == "AuthorizationCodeReused");
    }
}
