using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.OAuth.Registration;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Developer;

/// <summary>A client a program registered with one of the developer's initial access tokens is marked so in the developer area.</summary>
public sealed class ProgramClientMarkerTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task ClientsAndDetails_ClientRegisteredWithAToken_ShowTheMarkerTheTokenAndTheSoftware()
    {
        var developer = await TestUsers.CreateAsync(factory);
        var (_, token) = await factory.WithScopeAsync(s => s.GetRequiredService<InitialAccessTokens>()
            .CreateAsync(developer.Id, "Pipeline", TimeSpan.FromHours(1), multiUse: false, allowedGrantTypes: null));
        var clientId = await ProgramClients.InsertAsync(factory, developer.Id, token.Id);
        var browser = await SignIn.ClientForAsync(factory, developer.Email!);

        var (_, list) = await Html.GetPageAsync(browser, "/Developer/Clients");
        var (_, details) = await Html.GetPageAsync(browser, $"/Developer/Clients/{clientId}");

        Assert.NotNull(list.QuerySelector($"[data-test=client-card][data-client-id='{clientId}'] [data-test=registered-by-program]"));
        Assert.NotNull(details.QuerySelector("[data-test=registered-by-program]"));
        Assert.Equal("Pipeline", details.QuerySelector("[data-test=initial-access-token-name]")!.TextContent);
        Assert.Equal("agent-kit", details.QuerySelector("[data-test=software-id]")!.TextContent);
    }

    [Fact]
    public async Task ClientsAndDetails_ClientRegisteredByItsDeveloper_HaveNoMarker()
    {
        var developer = await TestUsers.CreateAsync(factory);
        var browser = await SignIn.ClientForAsync(factory, developer.Email!);
        var client = await DeveloperUi.CreateAsync(browser);

        var (_, list) = await Html.GetPageAsync(browser, "/Developer/Clients");
        var (_, details) = await Html.GetPageAsync(browser, $"/Developer/Clients/{client.ClientId}");

        Assert.NotNull(list.QuerySelector($"[data-test=client-card][data-client-id='{client.ClientId}']"));
        Assert.Null(list.QuerySelector("[data-test=registered-by-program]"));
        Assert.Null(details.QuerySelector("[data-test=registered-by-program]"));
    }
}
