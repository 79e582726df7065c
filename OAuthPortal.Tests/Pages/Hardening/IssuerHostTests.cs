using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Hardening;

/// <summary>
/// With OAuth:Issuer set (always in production), the portal answers only as its issuer: a request for another Host is
/// refused before anything builds a link from it, so nobody can have it e-mail a password-reset link to their own host.
/// </summary>
public sealed class IssuerHostTests : IDisposable
{
    private readonly MailPickup _mail = new();

    public void Dispose() => _mail.Dispose();

    private PortalFactory Production() =>
        PortalFactory.With(new Dictionary<string, string?>(_mail.Settings) { ["OAuth:Issuer"] = "https://auth.example.test" }, "Production");

    [Fact]
    public async Task ForgotPassword_PostedWithAForeignHost_IsRefusedAndNoLinkIsMailed()
    {
        using var factory = Production();
        var user = await TestUsers.CreateAsync(factory);
        var genuine = factory.CreateClient(new() { BaseAddress = new Uri("https://auth.example.test"), AllowAutoRedirect = false });
        var (_, page) = await Html.GetPageAsync(genuine, "/Identity/Account/ForgotPassword");
        var form = page.Form("form#forgot-password");
        form.Action = "https://evil.example/Identity/Account/ForgotPassword"; // same server, Host: evil.example

        var response = await Html.SubmitAsync(genuine, form, new Dictionary<string, string> { ["Input.Email"] = user.Email! });
        await Task.Delay(300); // the outbox would have written by now

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Contains("auth.example.test", await response.Content.ReadAsStringAsync());
        Assert.True(_mail.IsEmpty);
    }

    [Fact]
    public async Task ForgotPassword_FromTheIssuersHost_MailsALinkToTheIssuer()
    {
        using var factory = Production();
        var user = await TestUsers.CreateAsync(factory);
        var genuine = factory.CreateClient(new() { BaseAddress = new Uri("https://auth.example.test"), AllowAutoRedirect = false });
        var (_, page) = await Html.GetPageAsync(genuine, "/Identity/Account/ForgotPassword");

        var response = await Html.SubmitAsync(genuine, page.Form("form#forgot-password"), new Dictionary<string, string> { ["Input.Email"] = user.Email! });
        var mail = Assert.Single(await _mail.WaitForAsync(user.Email!));

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Contains("https://auth.example.test/Identity/Account/ResetPassword?code=", mail);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HealthEndpoints_AnyHost_Answer(string path)
    {
        using var factory = Production();
        var byAddress = factory.CreateClient(new() { BaseAddress = new Uri("http://10.0.0.5:8080"), AllowAutoRedirect = false });

        var response = await byAddress.GetAsync(path);

        Html.AssertStatus(HttpStatusCode.OK, response);
    }
}
