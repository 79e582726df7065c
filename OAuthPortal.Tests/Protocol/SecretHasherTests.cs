using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.Tests.Protocol;

public sealed class SecretHasherTests
{
    [Fact]
    public void Hash_AnyValue_IsSha256Digest()
    {
        // SHA-256("abc"), FIPS 180-2 test vector.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(SecretHasher.Hash("abc")));
    }

    [Fact]
    public void Matches_SameValue_ReturnsTrue()
    {
        var secret = TokenGenerator.NewSecret();
        Assert.True(SecretHasher.Matches(secret, SecretHasher.Hash(secret)));
    }

    [Fact]
    public void Matches_DifferentValue_ReturnsFalse()
    {
        Assert.False(SecretHasher.Matches(TokenGenerator.NewSecret(), SecretHasher.Hash(TokenGenerator.NewSecret())));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Matches_StoredHashOfWrongLength_ReturnsFalse(int length)
    {
        Assert.False(SecretHasher.Matches("secret", new byte[length]));
    }

    [Fact]
    public void Matches_NoStoredHash_ReturnsFalse()
    {
        Assert.False(SecretHasher.Matches("secret", null));
    }
}
