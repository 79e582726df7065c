using OAuthPortal.OAuth.Scopes;

namespace OAuthPortal.Tests.Protocol;

public sealed class ScopeNamePolicyTests
{
    [Theory]
    [InlineData("profile")]
    [InlineData("read:orders")]
    [InlineData("https://api.example.com/calendar.readonly")]
    [InlineData("!#$%&'()*+,-./:;<=>?@[]^_`{|}~")]
    public void Validate_ScopeTokenCharacters_Accepts(string name)
    {
        Assert.Null(ScopeNamePolicy.Validate(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("quote\"d")]
    [InlineData("back\\slash")]
    [InlineData("tab\there")]
    [InlineData("é")]
    public void Validate_OutsideScopeTokenCharset_Refuses(string name)
    {
        Assert.NotNull(ScopeNamePolicy.Validate(name));
    }

    [Fact]
    public void Validate_LongerThan256_Refuses()
    {
        Assert.NotNull(ScopeNamePolicy.Validate(new string('a', 257)));
        Assert.Null(ScopeNamePolicy.Validate(new string('a', 256)));
    }
}
