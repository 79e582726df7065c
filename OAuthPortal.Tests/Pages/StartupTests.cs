using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages;

/// <summary>The portal refuses to start in Production with settings that are only safe on a developer machine.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("OAuth:RequireHttps", "false")]
    [InlineData("OAuth:RequireState", "false")]
    [InlineData("OAuth:AuthorizationCodeLifetime", "00:30:00")]
    [InlineData("OAuth:AccessTokenLifetime", "00:00:00")]
    [InlineData("OAuth:PruneInterval", "60.00:00:00")]
    public void Start_UnsafeSettingInProduction_RefusesNamingTheSetting(string setting, string value)
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?>
        {
            ["OAuth:Issuer"] = "https://localhost",
            [setting] = value,
        }, "Production");

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(setting, Assert.Single(error.Failures));
        Assert.False(File.Exists(factory.DatabasePath), "A portal that refuses to start must not have migrated the database.");
    }

    [Theory]
    [InlineData("Portal:RequireConfirmedAccount", "true", "Portal:RequireConfirmedAccount")] // without any e-mail settings
    [InlineData("Portal:Email:SmtpHost", "smtp.example.test", "Portal:Email:From")] // e-mail without a sender
    [InlineData("Database:CommandTimeout", "00:00:00", "Database:CommandTimeout")]
    [InlineData("Portal:SessionCheckInterval", "01:00:00", "Portal:SessionCheckInterval")]
    [InlineData("Portal:MaxFailedAccessAttemptsPerAccount", "2", "Portal:MaxFailedAccessAttemptsPerAccount")]
    public void Start_InconsistentSetting_RefusesNamingIt(string setting, string value, string named)
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { [setting] = value });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void Start_NoIssuerInProduction_RefusesNamingTheSetting()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?>(), "Production");

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("OAuth:Issuer", error.Message);
    }

    [Fact]
    public void Start_SqlServerWithoutConnectionString_RefusesNamingTheSetting()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Portal"] = "",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("ConnectionStrings:Portal", error.Message);
    }

    [Fact]
    public async Task Start_UnsafeSettingInDevelopment_Serves()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequireHttps"] = "false" }, "Development");

        var response = await factory.CreateClient().GetAsync("/");

        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public void ForwardedHeaders_Configured_TrustsTheGivenProxiesForProto()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?>
        {
            ["Portal:ForwardedHeaders:Enabled"] = "true",
            ["Portal:ForwardedHeaders:KnownProxies:0"] = "10.1.2.3",
            ["Portal:ForwardedHeaders:KnownNetworks:0"] = "192.168.0.0/16",
        });

        var options = factory.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.True(options.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedProto));
        Assert.Contains(IPAddress.Parse("10.1.2.3"), options.KnownProxies);
        Assert.Contains(options.KnownIPNetworks, n => n.ToString() == "192.168.0.0/16");
    }

    [Fact]
    public void ForwardedHeaders_MalformedProxy_RefusesToStartNamingTheSetting()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?>
        {
            ["Portal:ForwardedHeaders:Enabled"] = "true",
            ["Portal:ForwardedHeaders:KnownProxies:0"] = "not-an-ip",
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Portal:ForwardedHeaders:KnownProxies", error.GetBaseException().Message);
    }
}
