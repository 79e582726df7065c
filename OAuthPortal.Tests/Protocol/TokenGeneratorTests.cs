using System.Buffers.Text;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.Tests.Protocol;

public sealed class TokenGeneratorTests
{
    [Fact]
    public void NewSecret_Always_Is256BitsOfBase64Url()
    {
        var secret = TokenGenerator.NewSecret();

        Assert.Equal(43, secret.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", secret);
        Assert.Equal(32, Base64Url.DecodeFromChars(secret).Length);
    }

    [Fact]
    public void NewClientId_Always_Is128BitsOfBase64Url()
    {
        var clientId = TokenGenerator.NewClientId();

        Assert.Equal(22, clientId.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", clientId);
    }

    [Fact]
    public void NewSecret_ManyCalls_NeverRepeats()
    {
        var secrets = Enumerable.Range(0, 10_000).Select(_ => TokenGenerator.NewSecret()).ToHashSet();
        Assert.Equal(10_000, secrets.Count);
    }
}
