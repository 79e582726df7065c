using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>
/// The login page answers alike whether or not an address has an account (timing: <see cref="AccountTimingTests"/>; the
/// Register page: <see cref="RegistrationTests"/>), and Identity UI's pages that looked addresses up are replaced.
/// </summary>
public sealed class AccountEnumerationTests
{
    [Fact]
    public async Task Login_RepeatedWrongPasswords_AnswerTheSameForAnExistingAndAnUnknownAddress()
    {
        using var factory = new PortalFactory();
        var user = await TestUsers.CreateAsync(factory);

        async Task<List<string>> AnswersAsync(string email)
        {
            var client = factory.CreateClient();
            var answers = new List<string>();
            for (var attempt = 0; attempt < 7; attempt++)
            {
                var response = await SignIn.PostLoginAsync(client, email, "Wrong-password-1");
                answers.Add($"{(int)response.StatusCode} {response.Headers.Location}");
            }

            return answers;
        }

        var existing = await AnswersAsync(user.Email!);
        var unknown = await AnswersAsync(Unique.Email("nobody"));

        Assert.Equal(existing, unknown);
        Assert.Equal(["200 ", "200 ", "200 ", "200 "], existing.Take(4));
        Assert.All(existing.Skip(4), a => Assert.Equal("302 /Identity/Account/Lockout", a));
    }

    [Fact]
    public async Task Lockout_Page_SaysHowLongWhyAndWhatToDo()
    {
        using var factory = new PortalFactory();

        var (response, page) = await Html.GetPageAsync(factory.CreateClient(), "/Identity/Account/Lockout");

        Html.AssertStatus(HttpStatusCode.OK, response);
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("15 minutes", text);
        Assert.Contains("signed in with before is not paused by guessing from other networks", text);
        Assert.Contains("contact your administrator", text);
    }

    [Fact]
    public async Task RegisterConfirmation_AnyAddress_LooksNothingUp()
    {
        using var factory = new PortalFactory();
        var user = await TestUsers.CreateAsync(factory);
        var client = factory.CreateClient();

        var known = await client.GetAsync($"/Identity/Account/RegisterConfirmation?email={Uri.EscapeDataString(user.Email!)}");
        var unknown = await client.GetAsync($"/Identity/Account/RegisterConfirmation?email={Uri.EscapeDataString(Unique.Email())}");

        Html.AssertStatus(HttpStatusCode.OK, known);
        Html.AssertStatus(HttpStatusCode.OK, unknown);
        var knownPage = await known.Content.ReadAsStringAsync();
        Assert.Equal(knownPage.Length, (await unknown.Content.ReadAsStringAsync()).Length);
        Assert.DoesNotContain("ConfirmEmail", knownPage); // no confirmation link for anyone who asks
    }
}
