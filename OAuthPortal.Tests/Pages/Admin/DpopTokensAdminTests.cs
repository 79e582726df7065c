using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Admin;

/// <summary>The admin Tokens page marks sender-constrained (DPoP-bound) tokens.</summary>
public sealed class DpopTokensAdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Search_DpopBoundAndBearerTokensOfOneClient_OnlyTheBoundOneIsMarked()
    {
        var (admin, _) = await AdminUi.AdminAsync(factory);
        var scenario = await OAuthScenario.CreateAsync(factory);
        var bound = await TokenEndpoint.PostAsync(factory.CreateClient(), "/oauth2/token", TokenEndpoint.CodeForm(scenario, await TokenEndpoint.AuthorizeAsync(scenario)),
            null, DpopKey.Ec().Proof("POST", "https://localhost/oauth2/token", factory.Clock.GetUtcNow()));
        var bearer = await TokenEndpoint.ObtainTokensAsync(scenario);
        var boundId = (await TestTokens.ByAccessTokenAsync(factory, bound["access_token"]!))!.Id.ToString();
        var bearerId = (await TestTokens.ByAccessTokenAsync(factory, bearer["access_token"]!))!.Id.ToString();

        var (response, page) = await Html.GetPageAsync(admin, $"/Admin/Tokens?client={Uri.EscapeDataString(scenario.ClientId)}");

        Html.AssertStatus(HttpStatusCode.OK, response);
        var marked = page.QuerySelectorAll("[data-test=token-row]").ToDictionary(r => r.GetAttribute("data-token-id")!, r => r.QuerySelector("[data-test=dpop-bound]") is not null);
        Assert.True(marked[boundId]);
        Assert.False(marked[bearerId]);
    }
}
