using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Dpop;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Protocol.Dpop;

/// <summary>RFC 9449 §4.3, one check at a time, on proofs a .NET client makes with Microsoft.IdentityModel.</summary>
public sealed class DpopProofValidatorTests
{
    private const string Url = "https://auth.example.test/oauth2/token";
    private static readonly DateTime Now = new(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DpopProofValidator Validator = ValidatorWith(new OAuthOptions(), new FakeTimeProvider(Now));
    private static readonly DpopKey Key = DpopKey.Ec();

    private static Task<OAuthResult<DpopProof>> ValidateAsync(string proof, string method = "POST", string url = Url, string? accessToken = null) =>
        Validator.ValidateAsync(proof, new DpopProofRequest(method, url, accessToken), Now);

    private static DpopProofValidator ValidatorWith(OAuthOptions options, TimeProvider clock) =>
        new(Options.Create(options), NoncesWith(options, clock));

    private static DpopNonces NoncesWith(OAuthOptions options, TimeProvider clock) =>
        new(DataProtectionProvider.Create(nameof(DpopProofValidatorTests)), Options.Create(options), clock);

    private static async Task AssertInvalidAsync(Task<OAuthResult<DpopProof>> result, string mentioned)
    {
        var outcome = await result;
        Assert.False(outcome.Succeeded);
        Assert.Equal("invalid_dpop_proof", outcome.Error!.Code);
        Assert.Contains(mentioned, outcome.Error.Description);
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    [InlineData("PS256")]
    public async Task Validate_GoodProof_GivesTheKeysThumbprintAndJti(string algorithm)
    {
        var key = algorithm == "ES256" ? DpopKey.Ec() : DpopKey.Rsa(algorithm);

        var result = await ValidateAsync(key.Proof("POST", Url, Now, jti: "one"));

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(key.Jkt, result.Value!.Jkt);
        Assert.Equal("one", result.Value.Jti);
    }

    [Fact]
    public async Task Validate_UrlWithOtherCaseHostDefaultPortQueryAndFragment_MatchesItsRequest()
    {
        var result = await ValidateAsync(Key.Proof("POST", "https://AUTH.example.test:443/oauth2/token?x=1#y", Now));

        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Theory]
    [InlineData("https://auth.example.test/oauth2/Token")]
    [InlineData("https://auth.example.test/oauth2/revoke")]
    [InlineData("http://auth.example.test/oauth2/token")]
    [InlineData("https://other.example.test/oauth2/token")]
    [InlineData("https://auth.example.test:8443/oauth2/token")]
    [InlineData("/oauth2/token")]
    public Task Validate_WrongHtu_IsInvalid(string htu) => AssertInvalidAsync(ValidateAsync(Key.Proof("POST", htu, Now)), "htu");

    [Theory]
    [InlineData("GET")]
    [InlineData("post")]
    public Task Validate_WrongHtm_IsInvalid(string htm) => AssertInvalidAsync(ValidateAsync(Key.Proof(htm, Url, Now)), "htm");

    [Theory]
    [InlineData(-61)]
    [InlineData(11)]
    public Task Validate_IatOutsideTheWindow_IsInvalid(int seconds) =>
        AssertInvalidAsync(ValidateAsync(Key.Proof("POST", Url, Now.AddSeconds(seconds))), "iat");

    [Theory]
    [InlineData(-60)]
    [InlineData(10)]
    public async Task Validate_IatAtTheEdgesOfTheWindow_IsAccepted(int seconds) =>
        Assert.True((await ValidateAsync(Key.Proof("POST", Url, Now.AddSeconds(seconds)))).Succeeded);

    [Theory]
    [InlineData("jwt")]
    [InlineData("JWT")]
    [InlineData("DPoP+jwt")]
    public Task Validate_WrongTyp_IsInvalid(string type) => AssertInvalidAsync(ValidateAsync(Key.Proof("POST", Url, Now, type: type)), "typ");

    [Fact]
    public Task Validate_HmacSignedProof_IsInvalid()
    {
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        var proof = handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "dpop+jwt",
            AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = Key.PublicHeader() },
            Claims = new Dictionary<string, object> { ["htm"] = "POST", ["htu"] = Url, ["iat"] = new DateTimeOffset(Now).ToUnixTimeSeconds(), ["jti"] = "x" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256),
        });

        return AssertInvalidAsync(ValidateAsync(proof), "alg");
    }

    [Fact]
    public Task Validate_UnsignedProof_IsInvalid()
    {
        var proof = Key.Proof("POST", Url, Now);
        var parts = proof.Split('.');
        var header = Base64UrlEncoder.Decode(parts[0]).Replace("\"ES256\"", "\"none\"");

        return AssertInvalidAsync(ValidateAsync($"{Base64UrlEncoder.Encode(header)}.{parts[1]}."), "alg");
    }

    [Fact]
    public Task Validate_JwkOfAnotherKey_SignatureFails() =>
        AssertInvalidAsync(ValidateAsync(Key.Proof("POST", Url, Now, jwk: DpopKey.Ec().PublicHeader())), "signature");

    [Fact]
    public Task Validate_JwkWithAPrivatePart_IsInvalid()
    {
        var jwk = Key.PublicHeader();
        jwk["d"] = "AAAA";

        return AssertInvalidAsync(ValidateAsync(Key.Proof("POST", Url, Now, jwk: jwk)), "jwk");
    }

    [Fact]
    public Task Validate_MissingJti_IsInvalid() =>
        AssertInvalidAsync(ValidateAsync(Key.Proof("POST", Url, Now, claims: c => c.Remove("jti"))), "jti");

    [Fact]
    public async Task Validate_AthOfTheAccessToken_IsAcceptedAndAnyOtherIsNot()
    {
        var right = await ValidateAsync(Key.Proof("GET", Url, Now, accessTokenHash: DpopProofValidator.AccessTokenHash("token-a")), "GET", accessToken: "token-a");
        var wrong = ValidateAsync(Key.Proof("GET", Url, Now, accessTokenHash: DpopProofValidator.AccessTokenHash("token-b")), "GET", accessToken: "token-a");
        var missing = ValidateAsync(Key.Proof("GET", Url, Now), "GET", accessToken: "token-a");

        Assert.True(right.Succeeded);
        await AssertInvalidAsync(wrong, "ath");
        await AssertInvalidAsync(missing, "ath");
    }

    [Theory]
    [InlineData(253_402_300_800L)]
    [InlineData(-62_135_596_801L)]
    [InlineData(long.MaxValue)]
    public async Task Validate_IatOutsideTheCalendar_IsInvalid(long iat)
    {
        await AssertInvalidAsync(ValidateAsync(Key.Proof("POST", Url, Now, claims: c => c["iat"] = iat)), "iat");
    }

    [Fact]
    public async Task Validate_VictimsRsaKeyWithTheAttackersCertificate_DoesNotPassForTheVictim()
    {
        var victim = DpopKey.Rsa();
        var attacker = DpopKey.Rsa();
        var jwk = victim.PublicHeader();
        jwk["x5c"] = new[] { attacker.SelfSignedCertificate() };

        var forged = ValidateAsync(attacker.Proof("POST", Url, Now, jwk: jwk));
        var genuine = await ValidateAsync(victim.Proof("POST", Url, Now));

        await AssertInvalidAsync(forged, "signature");
        Assert.True(genuine.Succeeded, genuine.Error?.Description);
    }

    [Fact]
    public async Task Validate_Rsa1024Key_IsInvalid()
    {
        var weak = DpopKey.Rsa(keySize: 1024);

        await AssertInvalidAsync(ValidateAsync(weak.Proof("POST", Url, Now)), "jwk");
    }

    [Fact]
    public async Task Validate_Es256WithAP384Key_IsInvalid()
    {
        var p384 = DpopKey.Ec(ECCurve.NamedCurves.nistP384);

        await AssertInvalidAsync(ValidateAsync(p384.Proof("POST", Url, Now)), "jwk");
    }

    [Fact]
    public async Task Validate_Ed25519Proof_GivesTheRfc8037Thumbprint()
    {
        var key = DpopKey.Ed25519();

        var result = await ValidateAsync(key.Proof("POST", Url, Now, jti: "ed"));

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(key.Jkt, result.Value!.Jkt);
    }

    [Fact]
    public async Task Validate_Ed25519ProofSignedByAnotherKey_IsInvalid()
    {
        var key = DpopKey.Ed25519();

        var proof = key.Proof("POST", Url, Now, jwk: DpopKey.Ed25519().PublicHeader());

        await AssertInvalidAsync(ValidateAsync(proof), "signature");
    }

    [Fact]
    public async Task Validate_EdDsaAlgWithEcKeyOrEcAlgWithEd25519Key_IsInvalid()
    {
        var ed = DpopKey.Ed25519();

        var edAlgEcKey = ed.Proof("POST", Url, Now, jwk: Key.PublicHeader());
        var ecAlgEdKey = Key.Proof("POST", Url, Now, jwk: ed.PublicHeader());

        await AssertInvalidAsync(ValidateAsync(edAlgEcKey), "alg");
        await AssertInvalidAsync(ValidateAsync(ecAlgEdKey), "alg");
    }

    [Fact]
    public async Task Validate_NonceRequired_MissingForgedOrStaleIsUseDpopNonce()
    {
        var options = new OAuthOptions { Dpop = { RequireNonce = true } };
        var clock = new FakeTimeProvider(Now - options.Dpop.NonceLifetime - TimeSpan.FromSeconds(1));
        var nonces = NoncesWith(options, clock);
        var validator = ValidatorWith(options, clock);
        var stale = nonces.Issue();
        clock.SetUtcNow(Now);
        var current = nonces.Issue();

        var right = await validator.ValidateAsync(Key.Proof("POST", Url, Now, nonce: current), new DpopProofRequest("POST", Url), Now);
        var forged = await validator.ValidateAsync(Key.Proof("POST", Url, Now, nonce: "n-1"), new DpopProofRequest("POST", Url), Now);
        var old = await validator.ValidateAsync(Key.Proof("POST", Url, Now, nonce: stale), new DpopProofRequest("POST", Url), Now);
        var missing = await validator.ValidateAsync(Key.Proof("POST", Url, Now), new DpopProofRequest("POST", Url), Now);

        Assert.True(right.Succeeded, right.Error?.Description);
        Assert.All([forged, old, missing], result => Assert.Equal("use_dpop_nonce", result.Error!.Code));
    }

    [Fact]
    public async Task Validate_NonceNotRequired_ProofWithoutNonceIsAccepted()
    {
        var result = await ValidateAsync(Key.Proof("POST", Url, Now));

        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.")]
    public Task Validate_Garbage_IsInvalidNotAnException(string proof) => AssertInvalidAsync(ValidateAsync(proof), "DPoP proof");

    [Fact]
    public Task Validate_HugeProof_IsRefusedUnparsed() => AssertInvalidAsync(ValidateAsync(new string('a', 100_000)), "not a JWT");
}
