using OAuthPortal.OAuth.Device;

namespace OAuthPortal.Tests.Protocol.Device;

/// <summary>RFC 8628 §6.1: the user code's alphabet, its display form, and what a user may type for it.</summary>
public sealed class UserCodeTests
{
    [Fact]
    public void New_ManyCodes_UseOnlyTheAlphabetAndEveryLetterOfIt()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => UserCode.New()).ToList();

        Assert.All(codes, code => Assert.Matches("^[BCDFGHJKLMNPQRSTVWXZ]{8}$", code));
        Assert.Equal(UserCode.Alphabet.Order(), codes.SelectMany(c => c).Distinct().Order());
        Assert.True(codes.Distinct().Count() > 1990, "codes repeat far more often than 8 random letters of 20 would");
    }

    [Fact]
    public void Format_NormalizedCode_PutsADashInTheMiddle() =>
        Assert.Equal("BCDF-GHJK", UserCode.Format("BCDFGHJK"));

    [Theory]
    [InlineData("BCDF-GHJK")]
    [InlineData("bcdf-ghjk")]
    [InlineData("BcDfGhJk")]
    [InlineData(" bcdf ghjk ")]
    [InlineData("BC-DF-GH-JK")]
    public void Normalize_AnyCaseDashesOrSpaces_IsTheSameCode(string typed) =>
        Assert.Equal("BCDFGHJK", UserCode.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("BCDF-GHJ")]     // too short
    [InlineData("BCDF-GHJKL")]   // too long
    [InlineData("BCDF-GHJA")]    // a vowel is never in a code
    [InlineData("BCDF-GHJ1")]
    [InlineData("ВCDF-GHJK")]    // a Cyrillic letter that looks like B
    public void Normalize_NotEightLettersOfTheAlphabet_IsNull(string? typed) =>
        Assert.Null(UserCode.Normalize(typed));

    [Fact]
    public void Normalize_VeryLongInput_IsNullWithoutScanningIt() =>
        Assert.Null(UserCode.Normalize(new string('-', 100_000) + "BCDFGHJK"));
}
