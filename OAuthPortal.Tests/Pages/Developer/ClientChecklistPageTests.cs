using System.Net;
using AngleSharp.Html.Dom;
using OAuthPortal.Data;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Developer;

/// <summary>The FAPI 2.0 conformance checklist on a client's page, as registered through the developer area.</summary>
public sealed class ClientChecklistPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<IHtmlDocument> DetailsAfterRegisteringAsync(string type, Dictionary<string, string> extra)
    {
        var developer = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);
        var response = await DeveloperUi.SubmitCreateAsync(developer, Unique.Name("fapi"), "https://client.example.test/callback", type: type, extra: extra);
        Html.AssertStatus(HttpStatusCode.Redirect, response);
        var clientId = System.Text.RegularExpressions.Regex.Match(response.Headers.Location!.OriginalString, "/Developer/Clients/([A-Za-z0-9_-]+)").Groups[1].Value;
        return (await Html.GetPageAsync(developer, $"/Developer/Clients/{clientId}")).Document;
    }

    [Fact]
    public async Task Details_FullyConfiguredFapiClient_ShowsEveryRuleMetUnderAnOnHeading()
    {
        var page = await DetailsAfterRegisteringAsync("Confidential", new()
        {
            ["Input.TokenEndpointAuthMethod"] = "private_key_jwt", ["Input.Jwks"] = KeyClients.JwkSet(KeyClients.Ec()),
            ["Input.Fapi2"] = "true", ["Input.RequirePushedAuthorizationRequests"] = "true", ["Input.DpopBoundAccessTokens"] = "true",
        });

        Assert.Equal("FAPI 2.0 Security Profile: on", page.QuerySelector("[data-test=profile-checklist-heading]")!.TextContent.Trim());
        var statuses = page.QuerySelectorAll("[data-test=profile-rule] [data-test=rule-status]").Select(s => s.TextContent).ToList();
        Assert.Equal(Fapi2SecurityProfile.Checklist(new Client { Profile = ClientProfile.Fapi2 }, new OAuthOptions()).Count, statuses.Count);
        Assert.All(statuses, status => Assert.Equal("met", status));
    }

    [Fact]
    public async Task Details_ClientSecretBasicClient_ShowsTheUnmetRulesWithTheirFixUnderAnOffHeading()
    {
        var page = await DetailsAfterRegisteringAsync("Confidential", new());

        Assert.Equal("FAPI 2.0 Security Profile: off", page.QuerySelector("[data-test=profile-checklist-heading]")!.TextContent.Trim());
        var unmet = page.QuerySelectorAll("[data-test=profile-rule][data-met=false]").ToList();
        var authentication = unmet.Single(r => r.QuerySelector("[data-test=rule-name]")!.TextContent == "Client authentication with private_key_jwt");
        Assert.Equal("not met", authentication.QuerySelector("[data-test=rule-status]")!.TextContent);
        Assert.Contains("Set token endpoint authentication to private_key_jwt", authentication.QuerySelector("[data-test=rule-fix]")!.TextContent);
        Assert.Contains(unmet, r => r.QuerySelector("[data-test=rule-name]")!.TextContent == "Sender-constrained access tokens (DPoP)");
    }

    [Fact]
    public async Task Details_PublicClient_HasNoChecklist()
    {
        var page = await DetailsAfterRegisteringAsync("Public", new());

        Assert.Null(page.QuerySelector("[data-test=profile-checklist]"));
        Assert.Equal("none", page.QuerySelector("[data-test=auth-method]")!.TextContent);
    }

    [Fact]
    public async Task Register_PublicClientWithTheFapiProfile_IsRefused()
    {
        var developer = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);

        var response = await DeveloperUi.SubmitCreateAsync(developer, "Spa", "https://spa.example.test/cb", type: "Public",
            extra: new Dictionary<string, string> { ["Input.Fapi2"] = "true" });

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("for confidential clients only", (await Html.ParseAsync(response)).QuerySelector("[data-test=profile-error]")!.TextContent);
    }
}
