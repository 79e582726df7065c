using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>/Admin/Tokens: search filters; revoke one, all of a user, all of a client; the audit names the admin.</summary>
public sealed class TokensAdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static IEnumerable<string> RowIds(IDocument page) => page.QuerySelectorAll("[data-test=token-row]").Select(r => r.GetAttribute("data-token-id")!);

    private async Task<(IDocument Page, HttpResponseMessage Response)> SearchAsync(HttpClient admin, string query)
    {
        var (response, page) = await Html.GetPageAsync(admin, "/Admin/Tokens?" + query);
        return (page, response);
    }

    [Fact]
    public async Task Search_ByUserClientScopeAndStatus_ReturnsOnlyMatchingTokensWithoutValues()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (scenario, accessToken) = await AdminUi.UserWithTokenAsync(factory);
        var (other, _) = await AdminUi.UserWithTokenAsync(factory);
        var token = (await TestTokens.ByAccessTokenAsync(factory, accessToken))!;

        var byUser = await SearchAsync(admin, $"user={Uri.EscapeDataString(scenario.User.Email!)}");
        var byClient = await SearchAsync(admin, $"client={scenario.ClientId}");
        var byScope = await SearchAsync(admin, $"scope={scenario.Scopes[0]}");
        var revoked = await SearchAsync(admin, $"user={Uri.EscapeDataString(scenario.User.Email!)}&status=Revoked");
        var active = await SearchAsync(admin, $"user={Uri.EscapeDataString(scenario.User.Email!)}&status=Active");

        Assert.Equal([token.Id.ToString()], RowIds(byUser.Page));
        Assert.Equal([token.Id.ToString()], RowIds(byClient.Page));
        Assert.Equal([token.Id.ToString()], RowIds(byScope.Page));
        Assert.Empty(RowIds(revoked.Page));
        Assert.Equal([token.Id.ToString()], RowIds(active.Page));
        Assert.DoesNotContain(accessToken, await byUser.Response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(other.ClientId, await byUser.Response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Search_ExpiredStatus_FindsTokensPastBothLifetimes()
    {
        using var own = new PortalFactory();
        var (scenario, _) = await AdminUi.UserWithTokenAsync(own);
        own.Clock.Advance(TimeSpan.FromDays(31));
        var (admin, _) = await AdminUi.AdminAsync(own);

        var expired = await SearchAsync(admin, $"user={Uri.EscapeDataString(scenario.User.Email!)}&status=Expired");
        var active = await SearchAsync(admin, $"user={Uri.EscapeDataString(scenario.User.Email!)}&status=Active");

        Assert.Single(RowIds(expired.Page));
        Assert.Empty(RowIds(active.Page));
    }

    [Fact]
    public async Task RevokeOne_FromTheTable_TheApiRefusesItAtOnceAndTheAuditNamesTheAdmin()
    {
        var (admin, adminEmail) = await AdminUi.AdminAsync(factory);
        var (scenario, accessToken) = await AdminUi.UserWithTokenAsync(factory);
        var url = $"/Admin/Tokens?user={Uri.EscapeDataString(scenario.User.Email!)}";

        var response = await AdminUi.PressAsync(admin, url, "revoke-token");
        var (_, page) = await Html.GetPageAsync(admin, response.Headers.Location!.OriginalString);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Contains("revoked", page.QuerySelector("[data-test=status-message]")!.TextContent);
        Assert.Equal("revoked", page.QuerySelector("[data-test=token-row]")!.GetAttribute("data-status"));
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", accessToken));
        var (_, audit) = await Html.GetPageAsync(admin, $"/Admin/Audit?action=TokenRevoked&actor={Uri.EscapeDataString(adminEmail)}");
        Assert.Contains(audit.QuerySelectorAll("[data-test=audit-row]"), r => r.QuerySelector("[data-test=audit-target]")!.TextContent.Contains(scenario.ClientId));
    }

    [Fact]
    public async Task RevokeAllOfAUser_EveryOneOfTheirTokensGets401()
    {
        var (admin, adminEmail) = await AdminUi.AdminAsync(factory);
        var (scenario, first) = await AdminUi.UserWithTokenAsync(factory);
        var second = (await TokenEndpoint.TokenAsync(factory.CreateClient(),
            TokenEndpoint.CodeForm(scenario, await TokenEndpoint.AuthorizeAsync(scenario, ("prompt", "consent")))))["access_token"]!;
        var (bystander, untouched) = await AdminUi.UserWithTokenAsync(factory);

        var response = await AdminUi.RevokeAllOfUserAsync(admin, scenario.User.Email!);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", first));
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", second));
        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", untouched));
        var (_, audit) = await Html.GetPageAsync(admin, $"/Admin/Audit?actor={Uri.EscapeDataString(adminEmail)}");
        Assert.Contains(audit.QuerySelectorAll("[data-test=audit-target]"), t => t.TextContent == $"user:{scenario.User.Email}");
    }

    [Fact]
    public async Task RevokeAllOfAClient_ItsTokensGet401AndOthersDoNot()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var (scenario, token) = await AdminUi.UserWithTokenAsync(factory);
        var (_, untouched) = await AdminUi.UserWithTokenAsync(factory);

        await AdminUi.RevokeAllOfClientAsync(admin, scenario.ClientId);

        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", token));
        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", untouched));
    }

    [Fact]
    public async Task RevokeAllOfAUser_UnknownEmail_SaysSo()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);

        var response = await AdminUi.RevokeAllOfUserAsync(admin, "nobody@example.test");
        var (_, after) = await Html.GetPageAsync(admin, response.Headers.Location!.OriginalString);

        Assert.Contains("No user has the e-mail address", after.QuerySelector("[data-test=status-message]")!.TextContent);
    }

    [Fact]
    public async Task Tokens_ManyPages_ArePagedByTwentyFive()
    {
        using var own = new PortalFactory();
        var (admin, _) = await AdminUi.AdminAsync(own);
        var scenario = await OAuthScenario.CreateAsync(own, scopeCount: 1);
        await own.WithScopeAsync(async s =>
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<OAuthPortal.Data.PortalDbContext>(s);
            for (var i = 0; i < 30; i++)
            {
                db.AccessTokens.Add(new OAuthPortal.Data.AccessToken
                {
                    TokenHash = OAuthPortal.OAuth.Secrets.SecretHasher.Hash(Guid.NewGuid().ToString()), ClientId = scenario.ClientId, UserId = scenario.User.Id,
                    ScopeNames = "x", CreatedAt = PortalFactory.Start.UtcDateTime.AddMinutes(i), ExpiresAt = PortalFactory.Start.UtcDateTime.AddHours(1),
                    Grant = new OAuthPortal.Data.Grant
                    {
                        Kind = OAuthPortal.Data.GrantKind.AuthorizationCode, ClientId = scenario.ClientId, UserId = scenario.User.Id, ScopeNames = "x",
                        CreatedAt = PortalFactory.Start.UtcDateTime,
                    },
                });
            }

            await db.SaveChangesAsync();
        });

        var (_, first) = await Html.GetPageAsync(admin, "/Admin/Tokens");
        var (_, second) = await Html.GetPageAsync(admin, first.QuerySelector<IHtmlAnchorElement>("[data-test=pager-next]")!.GetAttribute("href")!);

        Assert.Equal(25, RowIds(first).Count());
        Assert.Equal(5, RowIds(second).Count());
        Assert.Equal("Page 2 of 2 (30 in all)", second.QuerySelector("[data-test=pager-summary]")!.TextContent);
    }

    [Fact]
    public async Task Search_ByUserId_ListsThatUserOnlyEvenWhenAnotherEmailContainsTheirs()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var email = Unique.Email("bob");
        var bob = await OAuthScenario.CreateAsync(factory, scopeCount: 1, userEmail: email);
        var jimbob = await OAuthScenario.CreateAsync(factory, scopeCount: 1, userEmail: "jim" + email);
        await TokenEndpoint.ObtainTokensAsync(bob);
        await TokenEndpoint.ObtainTokensAsync(jimbob);

        var (_, byEmail) = await Html.GetPageAsync(admin, $"/Admin/Tokens?user={Uri.EscapeDataString(email)}");
        var (_, byId) = await Html.GetPageAsync(admin, $"/Admin/Tokens?userId={Uri.EscapeDataString(bob.User.Id)}");

        Assert.Equal(2, byEmail.QuerySelectorAll("[data-test=token-row]").Length); // the e-mail filter matches parts
        var row = Assert.Single(byId.QuerySelectorAll("[data-test=token-row]"));
        Assert.DoesNotContain("jim" + email, row.TextContent);
        Assert.NotNull(byId.QuerySelector("[data-test=one-user]"));
        Assert.Equal(bob.User.Id, byId.QuerySelector("form#token-search input[name=userId]")!.GetAttribute("value"));
    }
}
