using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>/Identity/Account/Manage (Profile): the user's full, given and family name.</summary>
public sealed class ProfileTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string PageUrl = "/Identity/Account/Manage";

    private async Task<(HttpClient Browser, PortalUser User)> SignedInAsync()
    {
        var user = await TestUsers.CreateAsync(factory);
        return (await SignIn.ClientForAsync(factory, user.Email!), user);
    }

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient browser, Dictionary<string, string> values)
    {
        var (_, page) = await Html.GetPageAsync(browser, PageUrl);
        return await Html.SubmitAsync(browser, page.Form("form#profile-form"), values);
    }

    private Task<PortalUser> StoredAsync(string id) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == id));

    private static string ValueOf(IDocument page, string test) => page.QuerySelector<IHtmlInputElement>($"[data-test={test}-input]")!.Value;

    [Fact]
    public async Task Save_Names_AreShownOnReloadAndSetProfileUpdatedAt()
    {
        var (browser, user) = await SignedInAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var savedAt = factory.Clock.GetUtcNow().UtcDateTime;

        var response = await SaveAsync(browser, new()
        {
            ["Input.Name"] = "  Ada Lovelace ", ["Input.GivenName"] = "Ada", ["Input.FamilyName"] = "Lovelace",
        });

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal(PageUrl, response.Headers.Location!.OriginalString);
        var (_, page) = await Html.GetPageAsync(browser, response.Headers.Location!.OriginalString);
        Assert.Equal("Your profile was saved.", page.QuerySelector("[data-test=status-message]")!.TextContent.Trim());
        Assert.Equal(("Ada Lovelace", "Ada", "Lovelace"), (ValueOf(page, "name"), ValueOf(page, "given-name"), ValueOf(page, "family-name")));
        Assert.Equal(user.Email, page.QuerySelector<IHtmlInputElement>("[data-test=profile-username]")!.Value);
        Assert.Contains("active", page.QuerySelector("#profile")!.ClassList); // inside Identity's account-management layout
        var stored = await StoredAsync(user.Id);
        Assert.Equal(("Ada Lovelace", "Ada", "Lovelace"), (stored.Name, stored.GivenName, stored.FamilyName));
        Assert.Equal(savedAt, stored.ProfileUpdatedAt);
        Assert.Equal(DateTimeKind.Utc, stored.ProfileUpdatedAt!.Value.Kind);
    }

    [Fact]
    public async Task Save_NothingChanged_KeepsProfileUpdatedAt()
    {
        var (browser, user) = await SignedInAsync();
        await SaveAsync(browser, new() { ["Input.GivenName"] = "Grace" });
        var first = (await StoredAsync(user.Id)).ProfileUpdatedAt;
        factory.Clock.Advance(TimeSpan.FromHours(1));

        var response = await SaveAsync(browser, new() { ["Input.GivenName"] = " Grace" });

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.NotNull(first);
        Assert.Equal(first, (await StoredAsync(user.Id)).ProfileUpdatedAt);
        var (_, page) = await Html.GetPageAsync(browser, PageUrl);
        Assert.Contains("unchanged", page.QuerySelector("[data-test=status-message]")!.TextContent);
    }

    [Fact]
    public async Task Save_BlankName_ClearsIt()
    {
        var (browser, user) = await SignedInAsync();
        await SaveAsync(browser, new() { ["Input.Name"] = "Alan Turing", ["Input.FamilyName"] = "Turing" });

        await SaveAsync(browser, new() { ["Input.Name"] = "   " });

        var stored = await StoredAsync(user.Id);
        Assert.Equal((null, "Turing"), (stored.Name, stored.FamilyName));
    }

    [Theory]
    [InlineData("Input.Name", "name", 257, "at most 256 characters")]
    [InlineData("Input.GivenName", "given-name", 300, "at most 256 characters")]
    [InlineData("Input.FamilyName", "family-name", 0, "control characters")]
    public async Task Save_InvalidName_ShowsTheErrorAtThatFieldAndSavesNothing(string field, string test, int length, string expected)
    {
        var (browser, user) = await SignedInAsync();
        var value = length > 0 ? new string('n', length) : "Evil\r\nINFO: forged";

        var response = await SaveAsync(browser, new() { [field] = value, ["Input.Name"] = field == "Input.Name" ? value : "Kept Out" });

        Html.AssertStatus(HttpStatusCode.OK, response);
        var page = await Html.ParseAsync(response);
        Assert.Contains(expected, page.QuerySelector($"[data-test={test}-error]")!.TextContent);
        Assert.Contains("is-invalid", page.QuerySelector($"[data-test={test}-input]")!.ClassName);
        var stored = await StoredAsync(user.Id);
        Assert.Equal((null, null, null, null), (stored.Name, stored.GivenName, stored.FamilyName, stored.ProfileUpdatedAt));
    }

    [Fact]
    public async Task Profile_Anonymous_RedirectsToLogin()
    {
        var response = await factory.CreateClient().GetAsync(PageUrl);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Save_WithoutAntiforgeryToken_Is400AndSavesNothing()
    {
        var (browser, user) = await SignedInAsync();

        var response = await browser.PostAsync(PageUrl, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "Forged" }));

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Null((await StoredAsync(user.Id)).Name);
    }
}
