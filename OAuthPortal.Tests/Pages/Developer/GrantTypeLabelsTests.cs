using OAuthPortal.Areas.Developer;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Tests.Pages.Developer;

public sealed class GrantTypeLabelsTests
{
    [Fact]
    public void All_EverySupportedGrantType_HasALabelAnExplanationAndAKeyInTheStoredOrder()
    {
        Assert.Equal(RequireAllowedGrantType.Supported, GrantTypeLabels.All.Select(g => g.GrantType));
        Assert.All(GrantTypeLabels.All, g => Assert.Matches("^[a-z-]+$", g.Key));
        Assert.All(GrantTypeLabels.All, g => Assert.False(string.IsNullOrWhiteSpace(g.Label) || string.IsNullOrWhiteSpace(g.Explanation)));
    }

    [Theory]
    [InlineData("client_credentials", "Client credentials")]
    [InlineData("urn:ietf:params:oauth:grant-type:device_code", "Device authorization")]
    [InlineData("urn:example:unknown", "urn:example:unknown")]
    public void LabelOf_GrantType_IsItsLabelOrItself(string grantType, string expected) =>
        Assert.Equal(expected, GrantTypeLabels.LabelOf(grantType));
}
