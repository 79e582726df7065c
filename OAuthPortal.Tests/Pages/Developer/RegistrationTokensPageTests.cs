using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Registration;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Developer;

/// <summary>/Developer/RegistrationTokens: initial access tokens made, shown once, listed, revoked, each developer's own.</summary>
public sealed class RegistrationTokensPageTests(RegistrationPortal portal) : IClassFixture<RegistrationPortal>
{
    private const string Page = "/Developer/RegistrationTokens";

    private PortalFactory Factory => portal.Factory;

    private async Task<(HttpClient Browser, PortalUser Developer)> DeveloperAsync()
    {
        var developer = await TestUsers.CreateAsync(Factory);
        return (await SignIn.ClientForAsync(Factory, developer.Email!), developer);
    }

    private static async Task<HttpResponseMessage> SubmitCreateAsync(HttpClient browser, string name, string? lifetime = null, params string[] grantTypes)
    {
        var (_, page) = await Html.GetPageAsync(browser, Page);
        var form = page.Form("form#token-form");
        var fields = Html.Fields(form).Where(f => f.Key is not ("Input.Name" or "Input.Lifetime" or "Input.GrantTypes")).ToList();
        fields.Add(new("Input.Name", name));
        fields.Add(new("Input.Lifetime", lifetime ?? "1.00:00:00"));
        fields.AddRange(grantTypes.Select(g => new KeyValuePair<string, string>("Input.GrantTypes", g)));
        return await browser.PostAsync(new Uri(form.Action, UriKind.RelativeOrAbsolute), new FormUrlEncodedContent(fields));
    }

    /// <summary>Creates a token through the page and reads it from the one page view that shows it.</summary>
    private static async Task<(long Id, string Token)> CreateAsync(HttpClient browser, string name, params string[] grantTypes)
    {
        var created = await SubmitCreateAsync(browser, name, null, grantTypes);
        Html.AssertStatus(HttpStatusCode.Redirect, created);
        var location = created.Headers.Location!.OriginalString;
        var (_, page) = await Html.GetPageAsync(browser, location);
        var id = long.Parse(location.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture);
        return (id, page.QuerySelector("[data-test=initial-access-token]")!.TextContent.Trim());
    }

    private Task<List<InitialAccessToken>> TokensOfAsync(string ownerId) => Factory.WithScopeAsync(s =>
        s.GetRequiredService<PortalDbContext>().InitialAccessTokens.AsNoTracking().Where(t => t.OwnerId == ownerId).ToListAsync());

    [Fact]
    public async Task Create_ValidInput_ShowsTheTokenOnceUncachedAndAReloadDoesNot()
    {
        var (browser, _) = await DeveloperAsync();

        var created = await SubmitCreateAsync(browser, "CI agent");

        Html.AssertStatus(HttpStatusCode.Redirect, created);
        var (first, page) = await Html.GetPageAsync(browser, created.Headers.Location!.OriginalString);
        Html.AssertStatus(HttpStatusCode.OK, first);
        Assert.Contains("no-store", first.Headers.CacheControl!.ToString());
        Assert.Matches("^[A-Za-z0-9_-]{43}$", page.QuerySelector("[data-test=initial-access-token]")!.TextContent.Trim());
        Assert.Equal("#initial-access-token", page.QuerySelector("[data-test=copy-secret]")!.GetAttribute("data-copy"));
        Assert.Equal("https://localhost/oauth2/register", page.QuerySelector("[data-test=registration-endpoint]")!.TextContent);
        Assert.Contains("Authorization: Bearer", page.QuerySelector("[data-test=token-usage]")!.TextContent);
        var (_, reload) = await Html.GetPageAsync(browser, created.Headers.Location!.OriginalString);
        Assert.Null(reload.QuerySelector("[data-test=initial-access-token]"));
        Assert.NotNull(reload.QuerySelector("[data-test=token-gone]"));
    }

    [Fact]
    public async Task Create_ValidInput_StoresOnlyTheHashOfAUsableToken()
    {
        var (browser, developer) = await DeveloperAsync();

        var (id, token) = await CreateAsync(browser, "Gateway");

        var stored = Assert.Single(await TokensOfAsync(developer.Id));
        Assert.Equal(id, stored.Id);
        Assert.Equal(SecretHasher.Hash(token), stored.TokenHash);
        Assert.Equal(PortalFactory.Start.UtcDateTime.AddDays(1), stored.ExpiresAt);
        Assert.NotNull(await Factory.WithScopeAsync(s => s.GetRequiredService<InitialAccessTokens>().FindUsableAsync(token)));
        Assert.False(DatabaseFiles.Contain(Factory.DatabasePath, token), "The plaintext initial access token was found in the database files.");
    }

    [Fact]
    public async Task Create_GrantTypesTicked_CapsTheTokenAndListsIt()
    {
        var (browser, developer) = await DeveloperAsync();

        await CreateAsync(browser, "Machines", "client_credentials");

        Assert.Equal("client_credentials", Assert.Single(await TokensOfAsync(developer.Id)).AllowedGrantTypes);
        var (_, list) = await Html.GetPageAsync(browser, Page);
        Assert.Equal("client_credentials", list.QuerySelector("[data-test=token-grant-types]")!.TextContent);
        Assert.Equal("active", list.QuerySelector("[data-test=token-status]")!.TextContent);
        Assert.Equal("single use, used 0 of 1", list.QuerySelector("[data-test=token-uses]")!.TextContent);
    }

    [Theory]
    [InlineData("", "name-error")]
    [InlineData("   ", "name-error")]
    [InlineData("tab\tname", "name-error")]
    public async Task Create_BadName_ShowsTheNameErrorAndCreatesNothing(string name, string error)
    {
        var (browser, developer) = await DeveloperAsync();

        var response = await SubmitCreateAsync(browser, name);

        Html.AssertStatus(HttpStatusCode.OK, response);
        var page = await Html.ParseAsync(response);
        Assert.NotNull(page.QuerySelector($"[data-test={error}]"));
        Assert.Empty(await TokensOfAsync(developer.Id));
    }

    [Theory]
    [InlineData("90.00:00:01")]
    [InlineData("365.00:00:00")]
    [InlineData("-01:00:00")]
    public async Task Create_LifetimeOutOfRange_ShowsTheLifetimeErrorAndCreatesNothing(string lifetime)
    {
        var (browser, developer) = await DeveloperAsync();

        var response = await SubmitCreateAsync(browser, "Too long", lifetime);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.NotNull((await Html.ParseAsync(response)).QuerySelector("[data-test=lifetime-error]"));
        Assert.Empty(await TokensOfAsync(developer.Id));
    }

    [Fact]
    public async Task Revoke_ActiveToken_StopsItAndIsAuditedByName()
    {
        var (browser, developer) = await DeveloperAsync();
        var (id, token) = await CreateAsync(browser, "Short-lived");
        var (_, confirm) = await Html.GetPageAsync(browser, $"{Page}/{id}/Revoke");
        Assert.Contains("Short-lived", confirm.QuerySelector("[data-test=revoke-heading]")!.TextContent);

        var revoked = await DeveloperUi.PressAsync(browser, $"{Page}/{id}/Revoke", "confirm-revoke");

        Html.AssertStatus(HttpStatusCode.Redirect, revoked);
        Assert.Null(await Factory.WithScopeAsync(s => s.GetRequiredService<InitialAccessTokens>().FindUsableAsync(token)));
        var (_, list) = await Html.GetPageAsync(browser, Page);
        Assert.Equal("revoked", list.QuerySelector($"[data-token-id='{id}'] [data-test=token-status]")!.TextContent);
        Assert.Null(list.QuerySelector($"[data-token-id='{id}'] [data-test=revoke-token]"));
        var audit = await Factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Target == $"initial-access-token:{id} (Short-lived)").Select(e => new { e.Action, e.Actor }).ToListAsync());
        Assert.Equal([AuditAction.InitialAccessTokenCreated, AuditAction.InitialAccessTokenRevoked], audit.Select(e => e.Action).Order());
        Assert.All(audit, e => Assert.Equal(developer.Email, e.Actor));
    }

    [Fact]
    public async Task AnotherDevelopersToken_TokenAndRevokePages_Are404AndItStaysUsable()
    {
        var (owner, _) = await DeveloperAsync();
        var (id, token) = await CreateAsync(owner, "Mine");
        var (other, _) = await DeveloperAsync();
        var (_, ownConfirm) = await Html.GetPageAsync(owner, $"{Page}/{id}/Revoke");
        var form = (IHtmlFormElement)ownConfirm.QuerySelector<IHtmlButtonElement>("button[data-test=confirm-revoke]")!.Form!;
        var (_, otherPage) = await Html.GetPageAsync(other, Page);
        var antiforgery = otherPage.Form("form#token-form").QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var post = await other.PostAsync(form.Action, new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery)]));

        Html.AssertStatus(HttpStatusCode.NotFound, post);
        Html.AssertStatus(HttpStatusCode.NotFound, await other.GetAsync($"{Page}/{id}/Revoke"));
        Html.AssertStatus(HttpStatusCode.NotFound, await other.GetAsync($"{Page}/{id}/Token"));
        var (_, otherList) = await Html.GetPageAsync(other, Page);
        Assert.Empty(otherList.QuerySelectorAll("[data-test=token-row]"));
        Assert.NotNull(await Factory.WithScopeAsync(s => s.GetRequiredService<InitialAccessTokens>().FindUsableAsync(token)));
    }

    [Fact]
    public async Task ClientsIndex_DeveloperNavigation_LinksToTheRegistrationTokens()
    {
        var (browser, _) = await DeveloperAsync();

        var (_, page) = await Html.GetPageAsync(browser, "/Developer/Clients");

        Assert.Equal(Page, page.QuerySelector("[data-test=developer-nav-registration-tokens]")!.GetAttribute("href"));
    }
}
