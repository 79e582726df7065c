using Bunit;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Tests.Components;

public sealed class ProfileChecklistTests : BunitContext
{
    private static readonly OAuthOptions Options = new();

    private static Client FapiClient() => new()
    {
        Type = ClientType.Confidential, TokenEndpointAuthMethod = ClientAuthenticationMethod.PrivateKeyJwt, Jwks = "{\"keys\": []}",
        SecretHash = null, Profile = ClientProfile.Fapi2,
    };

    private static Client SecretClient(ClientProfile profile = ClientProfile.None) => new()
    {
        Type = ClientType.Confidential, TokenEndpointAuthMethod = ClientAuthenticationMethod.ClientSecretBasic, SecretHash = new byte[32], Profile = profile,
    };

    private IRenderedComponent<ProfileChecklist> RenderFor(Client client) =>
        Render<ProfileChecklist>(ps => ps
            .Add(p => p.Rules, Fapi2SecurityProfile.Checklist(client, Options))
            .Add(p => p.ProfileOn, client.Profile == ClientProfile.Fapi2));

    [Fact]
    public void Render_FullyConfiguredFapiClient_EveryRuleMetAndTheHeadingSaysOn()
    {
        var checklist = RenderFor(FapiClient());

        Assert.Equal("FAPI 2.0 Security Profile: on", checklist.Find("[data-test=profile-checklist-heading]").TextContent.Trim());
        var rules = checklist.FindAll("[data-test=profile-rule]");
        Assert.Equal(Fapi2SecurityProfile.Checklist(FapiClient(), Options).Count, rules.Count);
        Assert.All(rules, rule => Assert.Equal("met", rule.QuerySelector("[data-test=rule-status]")!.TextContent));
        Assert.Empty(checklist.FindAll("[data-test=rule-fix]"));
        Assert.Contains("meets all", checklist.Find("[data-test=profile-checklist-summary]").TextContent);
    }

    [Fact]
    public void Render_ClientSecretBasicClientWithTheProfileOff_ShowsNotMetWithTheFix()
    {
        var checklist = RenderFor(SecretClient());

        Assert.Equal("FAPI 2.0 Security Profile: off", checklist.Find("[data-test=profile-checklist-heading]").TextContent.Trim());
        var secretRule = checklist.FindAll("[data-test=profile-rule]").Single(r => r.QuerySelector("[data-test=rule-name]")!.TextContent.StartsWith("No shared secret"));
        Assert.Equal("false", secretRule.GetAttribute("data-met"));
        Assert.Equal("not met", secretRule.QuerySelector("[data-test=rule-status]")!.TextContent);
        Assert.Equal("FAPI 2.0 §5.3.2.1", secretRule.QuerySelector("[data-test=rule-reference]")!.TextContent.Trim('(', ')'));
        Assert.Equal("Fix: Switch token endpoint authentication to private_key_jwt: the secret is deleted.",
            secretRule.QuerySelector("[data-test=rule-fix]")!.TextContent);
        Assert.Contains("Turning it on would still need", checklist.Find("[data-test=profile-checklist-summary]").TextContent);
    }

    [Fact]
    public void Render_ProfileOnButASecretMethod_SaysTheClientIsRefusedUntilTheRulesAreMet()
    {
        var checklist = RenderFor(SecretClient(ClientProfile.Fapi2));

        Assert.Equal("true", checklist.Find("[data-test=profile-checklist]").GetAttribute("data-profile-on"));
        Assert.Contains($"2 of {Fapi2SecurityProfile.Checklist(SecretClient(ClientProfile.Fapi2), new OAuthOptions()).Count} rules are not met", checklist.Find("[data-test=profile-checklist-summary]").TextContent);
        Assert.Equal(2, checklist.FindAll("[data-test=profile-rule][data-met=false]").Count);
    }

    [Fact]
    public void Render_MetRule_HasNoFixEvenWhenTheRuleHasOne()
    {
        var checklist = Render<ProfileChecklist>(ps => ps.Add(p => p.Rules, [new ProfileRule("A rule", "RFC 1", true, "Do this.")]));

        Assert.Empty(checklist.FindAll("[data-test=rule-fix]"));
        Assert.Equal("FAPI 2.0 Security Profile: off", checklist.Find("[data-test=profile-checklist-heading]").TextContent.Trim());
    }
}
