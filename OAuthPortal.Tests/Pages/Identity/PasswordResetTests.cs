using System.Net;
using System.Text.RegularExpressions;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>
/// With Portal:Email, forgot-password works end to end (over SMTP to a small server the test starts, or to a pickup
/// folder), answers the same whether or not the address has an account, and the reset page tells nothing either.
/// </summary>
public sealed partial class PasswordResetTests : IDisposable
{
    private readonly MailPickup _mail = new();

    public void Dispose() => _mail.Dispose();

    [GeneratedRegex("https://localhost/Identity/Account/ResetPassword\\?code=[A-Za-z0-9_-]+")]
    private static partial Regex ResetLink();

    private int MailCount() => Directory.GetFiles(_mail.Folder, "*.eml").Length;

    private static async Task<HttpResponseMessage> ForgotAsync(HttpClient client, string email)
    {
        var (_, page) = await Html.GetPageAsync(client, "/Identity/Account/ForgotPassword");
        return await Html.SubmitAsync(client, page.Form("form#forgot-password"), new Dictionary<string, string> { ["Input.Email"] = email });
    }

    private static async Task<HttpResponseMessage> ResetAsync(HttpClient client, string link, string email, string password)
    {
        var (response, page) = await Html.GetPageAsync(client, new Uri(link).PathAndQuery);
        Html.AssertStatus(HttpStatusCode.OK, response);
        return await Html.SubmitAsync(client, page.Form("form#reset-password"), new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
        });
    }

    [Fact]
    public async Task ForgotPassword_OverSmtp_LinkByEmailResetPageAndTheNewPasswordSignsIn()
    {
        using var smtp = new FakeSmtpServer();
        using var factory = PortalFactory.With(new Dictionary<string, string?>
        {
            ["Portal:Email:From"] = "OAuthPortal <no-reply@portal.test>",
            ["Portal:Email:SmtpHost"] = "127.0.0.1",
            ["Portal:Email:SmtpPort"] = smtp.Port.ToString(),
            ["Portal:Email:SmtpSecurity"] = "None",
        });
        var user = await TestUsers.CreateAsync(factory);
        var client = factory.CreateClient();
        var (_, login) = await Html.GetPageAsync(client, "/Identity/Account/Login");

        Assert.Equal("/Identity/Account/ForgotPassword", login.QuerySelector("[data-test=forgot-password]")!.GetAttribute("href"));
        Html.AssertStatus(HttpStatusCode.Redirect, await ForgotAsync(client, user.Email!));
        var mail = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(10))).Replace("=\r\n", "").Replace("=3D", "=");
        var done = await ResetAsync(client, ResetLink().Match(mail).Value, user.Email!, "N3w-Passw0rd!");
        var (_, loginAfter) = await Html.GetPageAsync(client, done.Headers.Location!.OriginalString);

        Html.AssertStatus(HttpStatusCode.Redirect, done);
        Assert.StartsWith("/Identity/Account/Login", done.Headers.Location!.OriginalString);
        Assert.Contains("Your new password is set", loginAfter.QuerySelector("[data-test=status-message]")!.TextContent);
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, "N3w-Passw0rd!"));
        Html.AssertStatus(HttpStatusCode.OK, await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, TestUsers.Password));
    }

    [Fact]
    public async Task ForgotPassword_KnownOrUnknownAddress_SameAnswerSamePageAndOnlyTheOwnerGetsMail()
    {
        using var factory = PortalFactory.With(_mail.Settings);
        var user = await TestUsers.CreateAsync(factory);
        var unknown = Unique.Email("nobody");

        var stranger = await ForgotAsync(factory.CreateClient(), unknown);
        var known = await ForgotAsync(factory.CreateClient(), user.Email!);
        var knownPage = await (await factory.CreateClient().GetAsync(known.Headers.Location)).Content.ReadAsStringAsync();
        var strangerPage = await (await factory.CreateClient().GetAsync(stranger.Headers.Location)).Content.ReadAsStringAsync();

        Html.AssertStatus(HttpStatusCode.Redirect, known);
        Assert.Equal(known.StatusCode, stranger.StatusCode);
        Assert.Equal(known.Headers.Location, stranger.Headers.Location);
        Assert.Equal(knownPage, strangerPage);
        Assert.Contains("If the address you entered has an account", knownPage);
        Assert.Single(await _mail.WaitForAsync(user.Email!));
        Assert.Equal(1, MailCount()); // delivered in order: a message for the address asked first would be there already
    }

    [Fact]
    public async Task ResetPassword_UnknownAddressOrSomeoneElsesAddress_SameErrorAndNothingChanges()
    {
        using var factory = PortalFactory.With(_mail.Settings);
        var user = await TestUsers.CreateAsync(factory);
        var other = await TestUsers.CreateAsync(factory);
        var client = factory.CreateClient();
        await ForgotAsync(client, user.Email!);
        var link = ResetLink().Match(Assert.Single(await _mail.WaitForAsync(user.Email!))).Value;

        var unknown = await Html.ParseAsync(await ResetAsync(client, link, Unique.Email("nobody"), "N3w-Passw0rd!"));
        var someoneElse = await Html.ParseAsync(await ResetAsync(client, link, other.Email!, "N3w-Passw0rd!"));

        var error = unknown.QuerySelector("[data-test=reset-errors]")!.TextContent.Trim();
        Assert.Contains("This link does not work for that e-mail address", error);
        Assert.Equal(error, someoneElse.QuerySelector("[data-test=reset-errors]")!.TextContent.Trim());
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(factory.CreateClient(), other.Email!, TestUsers.Password));
    }

    [Fact]
    public async Task ResetPassword_LinkUsedTwice_TheSecondTimeSaysTheLinkNoLongerWorks()
    {
        using var factory = PortalFactory.With(_mail.Settings);
        var user = await TestUsers.CreateAsync(factory);
        var client = factory.CreateClient();
        await ForgotAsync(client, user.Email!);
        var link = ResetLink().Match(Assert.Single(await _mail.WaitForAsync(user.Email!))).Value;

        Html.AssertStatus(HttpStatusCode.Redirect, await ResetAsync(client, link, user.Email!, "N3w-Passw0rd!"));
        var again = await ResetAsync(client, link, user.Email!, "Other-Passw0rd!");

        Html.AssertStatus(HttpStatusCode.OK, again);
        Assert.Contains("ask for a new link", (await Html.ParseAsync(again)).QuerySelector("[data-test=reset-errors]")!.TextContent);
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(factory.CreateClient(), user.Email!, "N3w-Passw0rd!"));
    }

    [Fact]
    public async Task ConfirmEmail_LinkFromRegistering_ConfirmsAndLeadsToLogInTamperedLinkSaysItDoesNotWork()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?>(_mail.Settings) { ["Portal:RequireConfirmedAccount"] = "true" });
        var email = Unique.Email();
        var client = factory.CreateClient();
        var (_, register) = await Html.GetPageAsync(client, "/Identity/Account/Register?returnUrl=%2FAccount%2FApps");
        await Html.SubmitAsync(client, register.Form("form#registerForm"), new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = TestUsers.Password, ["Input.ConfirmPassword"] = TestUsers.Password,
        });
        var link = System.Net.WebUtility.HtmlDecode(Regex.Match(Assert.Single(await _mail.WaitForAsync(email)), "https://localhost(/Identity/Account/ConfirmEmail\\?[^\"]+)").Groups[1].Value);

        var tampered = await client.GetAsync(Regex.Replace(link, "code=[A-Za-z0-9_-]{8}", "code=AAAAAAAA"));
        var confirmed = await client.GetAsync(link);
        var (_, login) = await Html.GetPageAsync(client, confirmed.Headers.Location!.OriginalString);

        Html.AssertStatus(HttpStatusCode.OK, tampered);
        Assert.Contains("This link does not work", (await Html.ParseAsync(tampered)).QuerySelector("[data-test=confirm-email-title]")!.TextContent);
        Html.AssertStatus(HttpStatusCode.Redirect, confirmed);
        Assert.Equal("/Identity/Account/Login?returnUrl=%2FAccount%2FApps", confirmed.Headers.Location!.OriginalString);
        Assert.Contains("Your e-mail address is confirmed", login.QuerySelector("[data-test=status-message]")!.TextContent);
        Html.AssertStatus(HttpStatusCode.Redirect, await SignIn.PostLoginAsync(factory.CreateClient(), email, TestUsers.Password));
    }

    [Fact]
    public async Task ResendConfirmation_UnconfirmedConfirmedOrUnknownAddress_SameAnswerMailOnlyForTheUnconfirmed()
    {
        using var factory = PortalFactory.With(_mail.Settings);
        var confirmed = await TestUsers.CreateAsync(factory);
        var unconfirmed = Unique.Email("new");
        var client = factory.CreateClient();
        var (_, register) = await Html.GetPageAsync(client, "/Identity/Account/Register");
        await Html.SubmitAsync(client, register.Form("form#registerForm"), new Dictionary<string, string>
        {
            ["Input.Email"] = unconfirmed, ["Input.Password"] = TestUsers.Password, ["Input.ConfirmPassword"] = TestUsers.Password,
        });

        async Task<string> ResendAsync(string email)
        {
            var browser = factory.CreateClient();
            var (_, page) = await Html.GetPageAsync(browser, "/Identity/Account/ResendEmailConfirmation");
            var response = await Html.SubmitAsync(browser, page.Form("form#resend-confirmation"), new Dictionary<string, string> { ["Input.Email"] = email });
            Html.AssertStatus(HttpStatusCode.Redirect, response);
            var (_, next) = await Html.GetPageAsync(browser, response.Headers.Location!.OriginalString);
            return $"{response.Headers.Location} {next.QuerySelector("[data-test=status-message]")!.TextContent.Trim()}";
        }

        var answers = new[] { await ResendAsync(confirmed.Email!), await ResendAsync(Unique.Email("nobody")), await ResendAsync(unconfirmed) };

        Assert.Single(answers.Distinct());
        Assert.Contains("check your e-mail", answers[0]);
        Assert.Contains("ConfirmEmail", Assert.Single(await _mail.WaitForAsync(unconfirmed)));
        Assert.Equal(1, MailCount()); // delivered in order: messages for the addresses asked first would be there already
    }
}
