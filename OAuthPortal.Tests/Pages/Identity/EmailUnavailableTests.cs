using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>
/// Without Portal:Email the portal sends nothing, and no page pretends otherwise: no "check your e-mail", no link that
/// leads to a form whose e-mail never comes; each page says what is not possible and who can help.
/// </summary>
public sealed class EmailUnavailableTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Login_NoEmailSender_DoesNotOfferForgotPasswordAndSaysWhoCanHelp()
    {
        var (_, page) = await Html.GetPageAsync(factory.CreateClient(), "/Identity/Account/Login");

        Assert.Null(page.QuerySelector("[data-test=forgot-password]"));
        Assert.Empty(page.QuerySelectorAll("a[href*='ForgotPassword']"));
        Assert.Contains("Ask an administrator", page.QuerySelector("[data-test=forgot-password-unavailable]")!.TextContent);
    }

    [Fact]
    public async Task ForgotPassword_NoEmailSender_SaysItIsUnavailableAndHasNoForm()
    {
        var (response, page) = await Html.GetPageAsync(factory.CreateClient(), "/Identity/Account/ForgotPassword");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Null(page.QuerySelector("form#forgot-password"));
        var notice = page.QuerySelector("[data-test=forgot-password-unavailable]")!.TextContent;
        Assert.Contains("cannot send e-mail", notice);
        Assert.Contains("Ask an administrator", notice);
    }

    [Fact]
    public async Task ForgotPassword_PostedAnywayWithoutASender_SendsNothingAndSaysItIsUnavailable()
    {
        var user = await TestUsers.CreateAsync(factory);
        var client = factory.CreateClient();
        var (_, login) = await Html.GetPageAsync(client, "/Identity/Account/Login");
        var form = login.Form("form#account");
        form.Action = "/Identity/Account/ForgotPassword"; // a hand-made POST with a valid antiforgery token

        var response = await Html.SubmitAsync(client, form, new Dictionary<string, string> { ["Input.Email"] = user.Email! });

        Html.AssertStatus(HttpStatusCode.OK, response);
        var page = await Html.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("[data-test=forgot-password-unavailable]"));
        Assert.DoesNotContain("Check your e-mail", page.QuerySelector("main")!.TextContent);
    }

    [Theory]
    [InlineData("/Identity/Account/ForgotPasswordConfirmation")]
    [InlineData("/Identity/Account/RegisterConfirmation")]
    [InlineData("/Identity/Account/ResendEmailConfirmation")]
    public async Task ConfirmationPages_NoEmailSender_NeverSayAnEmailWasSent(string url)
    {
        var (response, page) = await Html.GetPageAsync(factory.CreateClient(), url);

        Html.AssertStatus(HttpStatusCode.OK, response);
        var text = page.QuerySelector("main")!.TextContent;
        Assert.DoesNotContain("check your e-mail", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("we sent", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("e-mail", text); // ...and says that the portal sends none
        Assert.Null(page.QuerySelector("form#resend-confirmation"));
    }

    [Fact]
    public async Task ManageEmail_NoEmailSender_ShowsTheAddressSaysChangingIsNotPossibleAndOffersNoForm()
    {
        var user = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);

        var (response, page) = await Html.GetPageAsync(browser, "/Identity/Account/Manage/Email");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal(user.Email, page.QuerySelector("[data-test=current-email]")!.GetAttribute("value"));
        Assert.Equal("confirmed", page.QuerySelector("[data-test=email-status]")!.TextContent.Trim());
        Assert.Contains("cannot send e-mail", page.QuerySelector("[data-test=email-unavailable]")!.TextContent);
        Assert.Null(page.QuerySelector("form#email-form"));
        Assert.Null(page.QuerySelector("form#send-verification-form"));
    }

    [Fact]
    public async Task Lockout_NoEmailSender_DoesNotOfferAPasswordReset()
    {
        var (_, page) = await Html.GetPageAsync(factory.CreateClient(), "/Identity/Account/Lockout");

        Assert.Empty(page.QuerySelectorAll("main a[href*='ForgotPassword']"));
    }

    [Fact]
    public async Task Register_NoEmailSenderTakenOrNewAddress_SameAnswerAndNoMention()
    {
        var owner = await TestUsers.CreateAsync(factory);

        async Task<(HttpResponseMessage Response, string Status)> RegisterAsync(string email)
        {
            var client = factory.CreateClient();
            var (_, page) = await Html.GetPageAsync(client, "/Identity/Account/Register");
            var response = await Html.SubmitAsync(client, page.Form("form#registerForm"), new Dictionary<string, string>
            {
                ["Input.Email"] = email, ["Input.Password"] = "Chosen-Passw0rd!", ["Input.ConfirmPassword"] = "Chosen-Passw0rd!",
            });
            var (_, next) = await Html.GetPageAsync(client, response.Headers.Location!.OriginalString);
            return (response, next.QuerySelector("[data-test=status-message]")!.TextContent.Trim());
        }

        var taken = await RegisterAsync(owner.Email!);
        var fresh = await RegisterAsync(Unique.Email());

        Html.AssertStatus(HttpStatusCode.Redirect, taken.Response);
        Assert.Equal(fresh.Response.StatusCode, taken.Response.StatusCode);
        Assert.Equal(fresh.Response.Headers.Location, taken.Response.Headers.Location);
        Assert.Equal(fresh.Status, taken.Status);
        Assert.DoesNotContain("e-mail you", taken.Status);
    }
}
