using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Token;

/// <summary>
/// Codes and tokens belong to a <see cref="Grant"/>: a replay revokes that grant's tokens and no other, even another
/// grant of the same user and client.
/// </summary>
public sealed class GrantFamilyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<Grant> GrantOfAsync(string accessToken) => factory.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<PortalDbContext>();
        var token = (await TestTokens.ByAccessTokenAsync(factory, accessToken))!;
        return await db.Grants.AsNoTracking().SingleAsync(g => g.Id == token.GrantId);
    });

    [Fact]
    public async Task RefreshReplay_AnotherGrantOfTheSameUserAndClient_IsUntouched()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1, sharedScopes: ["profile"]);
        var first = await TokenEndpoint.ObtainTokensAsync(scenario);
        var second = await TokenEndpoint.ObtainTokensAsync(scenario);
        var rotated = await TokenEndpoint.TokenAsync(factory.CreateClient(), AuthorizationCodeGrantTests.RefreshForm(scenario, first["refresh_token"]!));

        var replay = await TokenEndpoint.TokenAsync(factory.CreateClient(), AuthorizationCodeGrantTests.RefreshForm(scenario, first["refresh_token"]!));

        Assert.Equal("invalid_grant", replay["error"]);
        Html.AssertStatus(HttpStatusCode.Unauthorized, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", rotated["access_token"]));
        Html.AssertStatus(HttpStatusCode.OK, await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", second["access_token"]));
        Assert.NotEqual((await GrantOfAsync(first["access_token"]!)).Id, (await GrantOfAsync(second["access_token"]!)).Id);
    }

    [Fact]
    public async Task CodeReplay_TheGrant_IsMarkedRevokedWithTheFamily()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1);
        var code = await TokenEndpoint.AuthorizeAsync(scenario);
        var tokens = await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));
        Assert.Null((await GrantOfAsync(tokens["access_token"]!)).RevokedAt);

        await TokenEndpoint.TokenAsync(factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));

        var grant = await GrantOfAsync(tokens["access_token"]!);
        Assert.Equal((PortalFactory.Start.UtcDateTime, TokenRevocationReason.FamilyRevoked), (grant.RevokedAt, grant.RevocationReason));
        Assert.Equal(TokenRevocationReason.FamilyRevoked, (await TestTokens.ByAccessTokenAsync(factory, tokens["access_token"]!))!.RevocationReason);
    }

    [Fact]
    public async Task Refresh_NewTokens_StayInTheGrantOfTheCode()
    {
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 2);
        var tokens = await TokenEndpoint.ObtainTokensAsync(scenario);

        var rotated = await TokenEndpoint.TokenAsync(factory.CreateClient(),
            AuthorizationCodeGrantTests.RefreshForm(scenario, tokens["refresh_token"]!, scenario.Scopes[0]));

        var grant = await GrantOfAsync(rotated["access_token"]!);
        Assert.Equal((await GrantOfAsync(tokens["access_token"]!)).Id, grant.Id);
        Assert.Equal(string.Join(' ', scenario.Scopes), grant.ScopeNames); // what was granted, not what one token narrowed to
    }
}
