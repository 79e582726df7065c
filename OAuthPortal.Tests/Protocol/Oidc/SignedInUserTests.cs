using System.Security.Claims;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.Tests.Protocol.Oidc;

/// <summary>The id_token's <c>amr</c> (RFC 8176) says how the user signed in, as the sign-in cookie records it.</summary>
public sealed class SignedInUserTests
{
    private static SignedInUser From(params string[] methods) => SignedInUser.From(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "user-1"), .. methods.Select(m => new Claim(SignedInUser.MethodClaimType, m))], "Identity.Application")))!;

    [Fact]
    public void Methods_Password_ArePwd() => Assert.Equal(["pwd"], From("pwd").Methods);

    [Fact]
    public void Methods_PasswordAndAuthenticatorCode_ArePwdMfaOtp() => Assert.Equal(["pwd", "mfa", "otp"], From("pwd", "mfa").Methods);

    [Fact]
    public void Methods_PasskeyWithUserVerification_ArePopMfaNeverPwd() => Assert.Equal(["pop", "mfa"], From("pop", "mfa").Methods);

    [Fact]
    public void Methods_PasskeyWithoutUserVerification_ArePopAlone() => Assert.Equal(["pop"], From("pop").Methods);
}
