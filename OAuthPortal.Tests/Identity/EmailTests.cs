using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Identity;

/// <summary>The portal's e-mail goes out by SMTP (MailKit, to a small SMTP server in the test) from the background outbox.</summary>
public sealed class EmailTests
{
    [Fact]
    public async Task ForgotPassword_EmailConfiguredForSmtp_SendsTheResetLinkToTheUser()
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
        var (_, page) = await Html.GetPageAsync(client, "/Identity/Account/ForgotPassword");

        var response = await Html.SubmitAsync(client, page.Form("form"), new Dictionary<string, string> { ["Input.Email"] = user.Email! });
        var mail = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(10)));

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Contains($"To: {user.Email}", mail);
        Assert.Contains("From: OAuthPortal <no-reply@portal.test>", mail);
        Assert.Contains("ResetPassword", mail.Replace("=\r\n", "").Replace("=\n", ""));
    }
}
