using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Authorization;

namespace OAuthPortal.Tests.Protocol;

public sealed class AuthorizationResponseTests
{
    [Theory]
    [InlineData("https://c.example/cb", "https://c.example/cb?code=a%20b&iss=https%3A%2F%2Fas")]
    [InlineData("https://c.example/cb?x=1", "https://c.example/cb?x=1&code=a%20b&iss=https%3A%2F%2Fas")]
    [InlineData("https://c.example/cb?", "https://c.example/cb?code=a%20b&iss=https%3A%2F%2Fas")]
    [InlineData("https://c.example/cb?x=1&", "https://c.example/cb?x=1&code=a%20b&iss=https%3A%2F%2Fas")]
    [InlineData("https://c.example/cb?name=Zoë", "https://c.example/cb?name=Zo%C3%AB&code=a%20b&iss=https%3A%2F%2Fas")]
    [InlineData("https://c.example/cb?emoji=😀", "https://c.example/cb?emoji=%F0%9F%98%80&code=a%20b&iss=https%3A%2F%2Fas")]
    public void AppendParameters_RegisteredUri_KeepsItsQueryAndEncodesOurs(string registered, string expected)
    {
        var result = AuthorizationResponse.AppendParameters(registered, [("code", "a b"), ("state", null), ("iss", "https://as")]);

        Assert.Equal(expected, result);
    }

    [Fact]
    public void SanitizeDescription_CharactersOutsideTheRfcSet_BecomeQuestionMarks()
    {
        Assert.Equal("a?b?c?d", OAuthError.SanitizeDescription("a\"b\\c\nd"));
        Assert.Equal("Zo?", OAuthError.SanitizeDescription("Zoë"));
    }
}
