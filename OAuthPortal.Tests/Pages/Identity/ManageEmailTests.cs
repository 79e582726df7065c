using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>With Portal:Email, Manage > E-mail changes the address once the link sent to the new one is opened, and re-sends a confirmation link.</summary>
public sealed partial class ManageEmailTests : IDisposable
{
    private readonly MailPickup _mail = new();

    public void Dispose() => _mail.Dispose();

    [GeneratedRegex("https://localhost(/Identity/Account/ConfirmEmailChange\\?[^\"]+)")]
    private static partial Regex ChangeLink();

    [Fact]
    public async Task ChangeEmail_LinkOpened_TheAddressChangesAndSignsIn()
    {
        using var factory = PortalFactory.With(_mail.Settings);
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);
        var newAddress = Unique.Email("moved");
        var (_, page) = await Html.GetPageAsync(browser, "/Identity/Account/Manage/Email");

        var asked = await Html.SubmitAsync(browser, page.Form("form#email-form"), new Dictionary<string, string> { ["Input.NewEmail"] = newAddress });
        var (_, after) = await Html.GetPageAsync(browser, asked.Headers.Location!.OriginalString);
        var link = System.Net.WebUtility.HtmlDecode(ChangeLink().Match(Assert.Single(await _mail.WaitForAsync(newAddress))).Groups[1].Value);
        var tampered = await browser.GetAsync(Regex.Replace(link, "code=[A-Za-z0-9_-]{8}", "code=AAAAAAAA"));
        var opened = await browser.GetAsync(link);
        var (_, changed) = await Html.GetPageAsync(browser, opened.Headers.Location!.OriginalString);

        Html.AssertStatus(HttpStatusCode.Redirect, asked);
        Assert.Contains($"We sent a link to {newAddress}", after.QuerySelector("[data-test=status-message]")!.TextContent);
        Assert.Equal(user.Email, after.QuerySelector("[data-test=current-email]")!.GetAttribute("value")); // not before the link is opened
        Html.AssertStatus(HttpStatusCode.OK, tampered);
        Assert.NotNull((await Html.ParseAsync(tampered)).QuerySelector("[data-test=confirm-email-change-title]"));
        Html.AssertStatus(HttpStatusCode.Redirect, opened);
        Assert.Contains($"Your e-mail address is now {newAddress}", changed.QuerySelector("[data-test=status-message]")!.TextContent);
        Assert.Equal(newAddress, changed.QuerySelector("[data-test=current-email]")!.GetAttribute("value"));
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(factory.CreateClient(), newAddress, TestUsers.Password));
        Assert.Equal(newAddress, await factory.WithScopeAsync(async s =>
            (await s.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(user.Id))!.Email));
    }

    [Fact]
    public async Task SendVerification_UnconfirmedAddress_SendsTheConfirmationLink()
    {
        using var factory = PortalFactory.With(_mail.Settings);
        var email = Unique.Email();
        await factory.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<PortalUser>>();
            Assert.True((await users.CreateAsync(new PortalUser { UserName = email, Email = email }, TestUsers.Password)).Succeeded);
        });
        var browser = await SignIn.ClientForAsync(factory, email);
        var (_, page) = await Html.GetPageAsync(browser, "/Identity/Account/Manage/Email");

        Assert.Equal("not confirmed", page.QuerySelector("[data-test=email-status]")!.TextContent.Trim());
        var sent = await Html.SubmitAsync(browser, page.Form("form#send-verification-form"));

        Html.AssertStatus(HttpStatusCode.Redirect, sent);
        Assert.Contains("ConfirmEmail", Assert.Single(await _mail.WaitForAsync(email)));
    }
}
