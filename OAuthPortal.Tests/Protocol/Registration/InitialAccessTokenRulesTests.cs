using OAuthPortal.OAuth.Registration;

namespace OAuthPortal.Tests.Protocol.Registration;

/// <summary>What a developer may ask of a new initial access token: a printable name, a bounded lifetime, supported grant types.</summary>
public sealed class InitialAccessTokenRulesTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public void Validate_SensibleToken_HasNoErrors() =>
        Assert.Empty(InitialAccessTokenRules.Validate("CI agent", Day, ["authorization_code", "refresh_token"]));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("line\nbreak")]
    [InlineData("nul\0")]
    public void Validate_BlankOrControlCharacterName_IsANameError(string? name) =>
        Assert.Equal(InitialAccessTokenRules.NameField, Assert.Single(InitialAccessTokenRules.Validate(name, Day, null)).Field);

    [Fact]
    public void Validate_NameOf128Characters_IsAcceptedAnd129IsNot()
    {
        Assert.Empty(InitialAccessTokenRules.Validate(new string('a', 128), Day, null));
        Assert.Equal(InitialAccessTokenRules.NameField, Assert.Single(InitialAccessTokenRules.Validate(new string('a', 129), Day, null)).Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(90 * 24 * 60 + 1)]
    public void Validate_LifetimeOutOfRange_IsALifetimeError(int minutes) =>
        Assert.Equal(InitialAccessTokenRules.LifetimeField, Assert.Single(InitialAccessTokenRules.Validate("x", TimeSpan.FromMinutes(minutes), null)).Field);

    [Fact]
    public void Validate_LifetimeOfExactlyTheMaximum_IsAccepted() =>
        Assert.Empty(InitialAccessTokenRules.Validate("x", InitialAccessTokenRules.MaxLifetime, null));

    [Fact]
    public void Validate_UnsupportedGrantType_IsAGrantTypesErrorNamingIt()
    {
        var error = Assert.Single(InitialAccessTokenRules.Validate("x", Day, ["client_credentials", "password"]));

        Assert.Equal(InitialAccessTokenRules.GrantTypesField, error.Field);
        Assert.Contains("password", error.Message);
    }
}
