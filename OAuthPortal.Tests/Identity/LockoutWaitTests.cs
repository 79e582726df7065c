using OAuthPortal.Identity;

namespace OAuthPortal.Tests.Identity;

public sealed class LockoutWaitTests
{
    [Theory]
    [InlineData(0, "less than a minute")]
    [InlineData(45, "less than a minute")]
    [InlineData(61, "about 2 minutes")]
    [InlineData(14 * 60 + 1, "about 15 minutes")]
    [InlineData(15 * 60, "about 15 minutes")]
    [InlineData(60 * 60, "about an hour")]
    [InlineData(150 * 60, "about 3 hours")]
    [InlineData(3 * 24 * 3600, "about 3 days")]
    public void Describe_Remaining_RoundsUpForPeople(int seconds, string expected) =>
        Assert.Equal(expected, LockoutWait.Describe(TimeSpan.FromSeconds(seconds)));
}
