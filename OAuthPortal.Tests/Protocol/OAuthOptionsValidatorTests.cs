using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using OAuthPortal.OAuth;

namespace OAuthPortal.Tests.Protocol;

public sealed class OAuthOptionsValidatorTests
{
    private const string Issuer = "https://portal.example.com";

    private static OAuthOptionsValidator Validator(string environment) => new(new FakeEnvironment(environment));

    public static TheoryData<string, Action<OAuthOptions>> UnsafeSettings => new()
    {
        { "OAuth:RequireHttps", o => o.RequireHttps = false },
        { "OAuth:RequireState", o => o.RequireState = false },
        { "OAuth:AuthorizationCodeLifetime", o => o.AuthorizationCodeLifetime = TimeSpan.FromMinutes(11) },
    };

    [Theory]
    [MemberData(nameof(UnsafeSettings))]
    public void Validate_UnsafeSettingInProduction_FailsNamingTheSetting(string setting, Action<OAuthOptions> makeUnsafe)
    {
        var options = new OAuthOptions { Issuer = Issuer };
        makeUnsafe(options);
        if (!options.RequireHttps)
        {
            options.Issuer = "http://portal.example.com";
        }

        var result = Validator("Production").Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage);
    }

    [Theory]
    [MemberData(nameof(UnsafeSettings))]
    public void Validate_UnsafeSettingInDevelopmentOrTesting_Succeeds(string setting, Action<OAuthOptions> makeUnsafe)
    {
        var options = new OAuthOptions();
        makeUnsafe(options);

        Assert.True(Validator("Development").Validate(null, options).Succeeded, setting);
        Assert.True(Validator("Testing").Validate(null, options).Succeeded, setting);
    }

    [Theory]
    [InlineData("AccessTokenLifetime")]
    [InlineData("AuthorizationCodeLifetime")]
    [InlineData("RefreshTokenLifetime")]
    [InlineData("PushedRequestLifetime")]
    public void Validate_NonPositiveLifetime_FailsInEveryEnvironment(string lifetime)
    {
        var options = new OAuthOptions();
        typeof(OAuthOptions).GetProperty(lifetime)!.SetValue(options, TimeSpan.Zero);

        var result = Validator("Development").Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"OAuth:{lifetime}", result.FailureMessage);
    }

    [Fact]
    public void Validate_PushedRequestLifetimeOverTenMinutes_Fails()
    {
        var result = Validator("Development").Validate(null, new OAuthOptions { PushedRequestLifetime = TimeSpan.FromMinutes(11) });

        Assert.True(result.Failed);
        Assert.Contains("OAuth:PushedRequestLifetime", result.FailureMessage);
    }

    [Fact]
    public void Validate_SafeDefaultsWithIssuerInProduction_Succeeds()
    {
        Assert.True(Validator("Production").Validate(null, new OAuthOptions { Issuer = Issuer }).Succeeded);
    }

    [Fact]
    public void Validate_NoIssuerInProduction_FailsNamingTheSetting()
    {
        var result = Validator("Production").Validate(null, new OAuthOptions());

        Assert.True(result.Failed);
        Assert.Contains("OAuth:Issuer", result.FailureMessage);
    }

    [Theory]
    [InlineData("portal.example.com")]
    [InlineData("ftp://portal.example.com")]
    [InlineData("https://portal.example.com/?tenant=1")]
    [InlineData("https://portal.example.com/#top")]
    [InlineData("http://portal.example.com")]
    [InlineData("https://portal.example.com/")]
    [InlineData("https://portal.example.com/tenant")]
    public void Validate_MalformedIssuer_Fails(string issuer)
    {
        var result = Validator("Development").Validate(null, new OAuthOptions { Issuer = issuer });

        Assert.True(result.Failed);
        Assert.Contains("OAuth:Issuer", result.FailureMessage);
    }

    [Theory]
    [InlineData("api\r\nX-Injected: 1")]
    [InlineData("café")]
    public void Validate_RealmThatCannotGoInAHeader_Fails(string realm)
    {
        var result = Validator("Development").Validate(null, new OAuthOptions { Realm = realm });

        Assert.True(result.Failed);
        Assert.Contains("OAuth:Realm", result.FailureMessage);
    }

    public static TheoryData<string, Action<BackchannelLogoutOptions>> BadBackchannelSettings => new()
    {
        { "OAuth:BackchannelLogout:Timeout", o => o.Timeout = TimeSpan.Zero },
        { "OAuth:BackchannelLogout:Attempts", o => o.Attempts = 0 },
        { "OAuth:BackchannelLogout:Attempts", o => o.Attempts = 11 },
        { "OAuth:BackchannelLogout:RetryDelay", o => o.RetryDelay = TimeSpan.FromSeconds(-1) },
        { "longer than a logout token lives", o => o.RetryDelay = TimeSpan.FromMinutes(1) },
        { "longer than a logout token lives", o => (o.Attempts, o.RetryDelay) = (10, TimeSpan.FromSeconds(2)) },
    };

    [Theory]
    [MemberData(nameof(BadBackchannelSettings))]
    public void Validate_BadBackchannelLogoutDelivery_FailsNamingTheSetting(string setting, Action<BackchannelLogoutOptions> makeBad)
    {
        var options = new OAuthOptions();
        makeBad(options.BackchannelLogout);

        var result = Validator("Development").Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage);
    }

    [Theory]
    [InlineData("00:00:00", "1.00:00:00", "OAuth:SigningKeys:RotationInterval must be greater than zero")]
    [InlineData("90.00:00:00", "-00:00:01", "OAuth:SigningKeys:PublishAhead must be greater than zero")]
    [InlineData("1.00:00:00", "1.00:00:00", "OAuth:SigningKeys:PublishAhead must be shorter than OAuth:SigningKeys:RotationInterval")]
    [InlineData("1.00:00:00", "2.00:00:00", "OAuth:SigningKeys:PublishAhead must be shorter than OAuth:SigningKeys:RotationInterval")]
    public void Validate_SigningKeysTimingsThatCannotWork_FailNamingTheSetting(string rotationInterval, string publishAhead, string expected)
    {
        var options = new OAuthOptions { Issuer = Issuer };
        options.SigningKeys.RotationInterval = TimeSpan.Parse(rotationInterval, System.Globalization.CultureInfo.InvariantCulture);
        options.SigningKeys.PublishAhead = TimeSpan.Parse(publishAhead, System.Globalization.CultureInfo.InvariantCulture);

        var result = Validator("Production").Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage);
    }

    [Fact]
    public void Validate_IdTokenLifetimeZero_Fails()
    {
        var result = Validator("Production").Validate(null, new OAuthOptions { Issuer = Issuer, IdTokenLifetime = TimeSpan.Zero });

        Assert.Contains("OAuth:IdTokenLifetime must be greater than zero", result.FailureMessage);
    }

    private sealed class FakeEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "OAuthPortal";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
