using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.OAuth.Token;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Authorization;

/// <summary>
/// RFC 9126 §5: a client (or the whole server) that requires pushed requests gets plain requests refused with
/// invalid_request on its verified redirect URI; and pruning removes spent or expired pushed requests.
/// </summary>
public sealed class RequirePushedRequestsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Authorize_PlainRequestFromParRequiredClient_IsInvalidRequestRedirect()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        await PushedRequests.RequireForClientAsync(factory, scenario.ClientId);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());

        OAuthAssert.ErrorRedirect(response, scenario.RedirectUri, "invalid_request");
    }

    [Fact]
    public async Task Authorize_PlainRequestWithUnregisteredRedirectUri_IsErrorPageNotRedirect()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        await PushedRequests.RequireForClientAsync(factory, scenario.ClientId);

        var response = await scenario.Browser.GetAsync(scenario.AuthorizeUrl(("redirect_uri", "https://evil.example.test/callback")));

        await OAuthAssert.ErrorPage(response, "redirect_uri_not_registered");
    }

    [Fact]
    public async Task Authorize_PushedRequestFromParRequiredClient_ShowsConsent()
    {
        var scenario = await OAuthScenario.CreateAsync(factory);
        await PushedRequests.RequireForClientAsync(factory, scenario.ClientId);
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario);

        var response = await Consent.AcceptAsync(scenario.Browser, PushedRequests.AuthorizeUrl(scenario.ClientId, requestUri));

        Assert.NotNull(OAuthAssert.RedirectsTo(response, scenario.RedirectUri, HttpStatusCode.SeeOther).GetValueOrDefault("code"));
    }

    [Fact]
    public async Task Authorize_GlobalRequirement_RefusesPlainAndAcceptsPushed()
    {
        using var required = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequirePushedAuthorizationRequests"] = "true" });
        var scenario = await OAuthScenario.CreateAsync(required);
        var requestUri = await PushedRequests.PushedRequestUriAsync(scenario);

        var plain = await scenario.Browser.GetAsync(scenario.AuthorizeUrl());
        var pushed = await Consent.AcceptAsync(scenario.Browser, PushedRequests.AuthorizeUrl(scenario.ClientId, requestUri));

        OAuthAssert.ErrorRedirect(plain, scenario.RedirectUri, "invalid_request");
        Assert.NotNull(OAuthAssert.RedirectsTo(pushed, scenario.RedirectUri, HttpStatusCode.SeeOther).GetValueOrDefault("code"));
    }

    [Fact]
    public async Task Prune_PushedRequests_RemovesOnlyThosePastRetention()
    {
        using var portal = new PortalFactory();
        var scenario = await OAuthScenario.CreateAsync(portal, scopeCount: 1);
        var now = PortalFactory.Start.UtcDateTime;
        PushedAuthorizationRequest Row(DateTime expires, DateTime? consumed) => new()
        {
            RequestUriHash = SecretHasher.Hash(Guid.NewGuid().ToString()), ClientId = scenario.ClientId, Parameters = "client_id=x",
            CreatedAt = expires.AddMinutes(-1), ExpiresAt = expires, ConsumedAt = consumed,
        };
        await portal.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            db.PushedAuthorizationRequests.AddRange(Row(now.AddDays(-20), null), Row(now.AddDays(-20), now.AddDays(-20)), Row(now.AddSeconds(30), null), Row(now.AddDays(-1), null));
            await db.SaveChangesAsync();
        });

        await portal.WithScopeAsync(s => s.GetRequiredService<TokenPruner>().PruneAsync());

        Assert.Equal(2, await PushedRequests.CountAsync(portal, scenario.ClientId));
    }
}
