using System.Net;
using Microsoft.Playwright;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Browser;

/// <summary>
/// Every destructive admin action (and a user's "revoke app") in headless Chromium: pressed, the confirmation names the
/// thing; Cancel goes back and changes nothing; pressed again and confirmed, it is done.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminConfirmationJourneyTests(Chromium chromium)
{
    /// <summary>Presses <paramref name="button"/> on <paramref name="url"/>, cancels, checks nothing happened, presses again and confirms.</summary>
    private static async Task CancelThenConfirmAsync(
        IPage page, string url, string button, Func<Task>? fill = null, Func<Task>? unchanged = null, string confirm = "confirm")
    {
        await page.GotoAsync(url);
        if (fill is not null)
        {
            await fill();
        }

        await page.Locator($"[data-test={button}]").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=confirmation]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-test=cancel]");
        await Assertions.Expect(page.Locator("[data-test=confirmation]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-test=status-message]")).ToHaveCountAsync(0);
        if (unchanged is not null)
        {
            await unchanged();
        }

        if (fill is not null)
        {
            await fill();
        }

        await page.Locator($"[data-test={button}]").First.ClickAsync();
        await page.ClickAsync($"[data-test={confirm}]");
        await Assertions.Expect(page.Locator("[data-test=confirmation]")).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task Admin_EachDestructiveAction_CancelledOnceChangesNothingThenConfirmedIsDone()
    {
        await using var world = await BrowserPortal.StartAsync(chromium);
        await using var callback = await CallbackListener.StartAsync();
        var email = Unique.Email("reader");
        var (tokens, user, client) = await world.AuthorizeNewUserAsync(email, callback);
        var admin = await TestUsers.CreateAsync(world.Portal.Factory, Unique.Email("admin"), admin: true);
        var page = await world.NewPersonAsync();
        await BrowserPortal.LogInAsync(page, admin.Email!);
        async Task ApiAnswersAsync(HttpStatusCode expected)
        {
            using var response = await world.CallApiAsync(tokens.AccessToken);
            Assert.Equal(expected, response.StatusCode);
        }

        // The user takes an app's access back ("My apps"): asked on its own page.
        await CancelThenConfirmAsync(user, "/Account/Apps", "revoke-app", unchanged: () => ApiAnswersAsync(HttpStatusCode.OK), confirm: "confirm-revoke");
        await ApiAnswersAsync(HttpStatusCode.Unauthorized);
        await using var secondCallback = await CallbackListener.StartAsync();
        var (again, _, _) = await world.AuthorizeNewUserAsync(Unique.Email("second-reader"), secondCallback);
        tokens = again;

        await page.GotoAsync($"/Admin/Users?q={Uri.EscapeDataString(email)}");
        await page.ClickAsync($"[data-test=user-row][data-email='{email}'] a");
        var details = new Uri(page.Url).AbsolutePath;
        await CancelThenConfirmAsync(page, details, "toggle-admin");                       // make admin
        await Assertions.Expect(page.Locator("[data-test=user-state]")).ToContainTextAsync("Admin");
        await CancelThenConfirmAsync(page, details, "toggle-admin");                       // remove admin
        await CancelThenConfirmAsync(page, details, "end-sessions");
        await Assertions.Expect(page.Locator("[data-test=status-message]")).ToContainTextAsync("Ended");
        await CancelThenConfirmAsync(page, details, "reset-password");
        await Assertions.Expect(page.Locator("[data-test=temporary-password]")).ToBeVisibleAsync();
        await CancelThenConfirmAsync(page, details, "revoke-all");
        await CancelThenConfirmAsync(page, details, "toggle-lock",
            unchanged: async () => await Assertions.Expect(page.Locator("[data-test=user-state]")).ToContainTextAsync("Active"));
        await Assertions.Expect(page.Locator("[data-test=user-state]")).ToContainTextAsync("Locked");

        await CancelThenConfirmAsync(page, "/Admin/Tokens?status=Active", "revoke-token", unchanged: () => ApiAnswersAsync(HttpStatusCode.OK));
        await ApiAnswersAsync(HttpStatusCode.Unauthorized);
        await CancelThenConfirmAsync(page, "/Admin/Tokens", "revoke-user", fill: () => page.FillAsync("[data-test=revoke-user-email]", admin.Email!));
        await Assertions.Expect(page.Locator("[data-test=status-message]")).ToContainTextAsync("Revoked 0 token(s)");
        await CancelThenConfirmAsync(page, "/Admin/Tokens", "revoke-client", fill: () => page.FillAsync("[data-test=revoke-client-id]", client.ClientId));
        await Assertions.Expect(page.Locator("[data-test=status-message]")).ToContainTextAsync("Revoked");

        var clientPage = $"/Admin/Clients/Details/{client.ClientId}";
        await CancelThenConfirmAsync(page, clientPage, "rotate-secret");
        await Assertions.Expect(page.Locator("[data-test=client-secret]")).ToBeVisibleAsync();
        await CancelThenConfirmAsync(page, clientPage, "toggle-client",
            unchanged: async () => await Assertions.Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("Enabled"));
        await Assertions.Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("Disabled");
        Assert.Empty(world.ConsoleErrors);
    }
}
