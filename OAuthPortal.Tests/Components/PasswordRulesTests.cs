using Bunit;
using Microsoft.AspNetCore.Identity;
using OAuthPortal.Components;

namespace OAuthPortal.Tests.Components;

public sealed class PasswordRulesTests : BunitContext
{
    [Fact]
    public void Render_DefaultOptions_ListsEveryRuleIdentityEnforces()
    {
        var rules = Render<PasswordRules>(ps => ps.Add(p => p.Rules, new PasswordOptions()).Add(p => p.MaxLength, 100));

        Assert.Equal("at least 6 characters (at most 100)", rules.Find("[data-test=rule-length]").TextContent);
        Assert.Equal(5, rules.FindAll("li").Count); // length, lowercase, uppercase, digit, symbol
        Assert.Empty(rules.FindAll("[data-test=rule-unique]"));
        Assert.Equal("password-rules", rules.Find("[data-test=password-rules]").Id);
    }

    [Fact]
    public void Render_RelaxedOptions_ListsOnlyTheRulesInForce()
    {
        var options = new PasswordOptions
        {
            RequiredLength = 15, RequireDigit = false, RequireLowercase = false, RequireUppercase = false, RequireNonAlphanumeric = false, RequiredUniqueChars = 4,
        };

        var rules = Render<PasswordRules>(ps => ps.Add(p => p.Rules, options));

        Assert.Equal(["at least 15 characters", "at least 4 different characters"], rules.FindAll("li").Select(li => li.TextContent));
    }
}
