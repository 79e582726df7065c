using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.Management;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Management;

public sealed class ClientRegistrarTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<Outcome<RegisteredClient>> RegisterAsync(ClientRegistration registration) =>
        factory.WithScopeAsync(services => services.GetRequiredService<ClientRegistrar>().RegisterAsync(registration, "test"));

    private static ClientRegistration Valid(string ownerId, ClientType type = ClientType.Confidential) =>
        new(ownerId, "Billing dashboard", "Reads invoices", "https://cdn.example.test/logo.png", type,
            ["https://billing.example.test/callback", "https://billing.example.test/callback/"]);

    [Fact]
    public async Task RegisterAsync_ConfidentialClient_StoresOnlyTheSecretHash()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var outcome = await RegisterAsync(Valid(owner.Id));

        Assert.True(outcome.Succeeded);
        var secret = outcome.Value!.ClientSecret!;
        var stored = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.SingleAsync(c => c.Id == outcome.Value.ClientId));
        Assert.Equal(SecretHasher.Hash(secret), stored.SecretHash);
        Assert.False(DatabaseFiles.Contain(factory.DatabasePath, secret), "The plaintext secret was found in the database files.");
    }

    [Fact]
    public async Task RegisterAsync_PublicClient_HasNoSecret()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var outcome = await RegisterAsync(Valid(owner.Id, ClientType.Public));

        Assert.True(outcome.Succeeded);
        Assert.Null(outcome.Value!.ClientSecret);
        var stored = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.SingleAsync(c => c.Id == outcome.Value.ClientId));
        Assert.Null(stored.SecretHash);
        Assert.Equal(ClientType.Public, stored.Type);
    }

    [Theory]
    [InlineData(ClientType.Confidential, "client_secret_basic")]
    [InlineData(ClientType.Public, "none")]
    public async Task RegisterAsync_NewClient_GetsTheDefaultGrantTypesAndTheAuthMethodOfItsType(ClientType type, string method)
    {
        var owner = await TestUsers.CreateAsync(factory);

        var outcome = await RegisterAsync(Valid(owner.Id, type));

        var stored = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.SingleAsync(c => c.Id == outcome.Value!.ClientId));
        Assert.Equal(("authorization_code refresh_token", method), (stored.AllowedGrantTypes, stored.TokenEndpointAuthMethod));
    }

    [Fact]
    public async Task RegisterAsync_ValidInput_StoresEveryFieldAndRedirectUrisExactly()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var outcome = await RegisterAsync(Valid(owner.Id));

        var stored = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients
            .Include(c => c.RedirectUris).SingleAsync(c => c.Id == outcome.Value!.ClientId));
        Assert.Equal(owner.Id, stored.OwnerId);
        Assert.Equal("Billing dashboard", stored.Name);
        Assert.Equal("Reads invoices", stored.Description);
        Assert.Equal("https://cdn.example.test/logo.png", stored.ImageUrl);
        Assert.True(stored.Enabled);
        Assert.Equal(PortalFactory.Start.UtcDateTime, stored.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, stored.CreatedAt.Kind);
        Assert.Equal(["https://billing.example.test/callback", "https://billing.example.test/callback/"],
            stored.RedirectUris.OrderBy(r => r.Id).Select(r => r.Uri));
    }

    public static TheoryData<string, Func<ClientRegistration, ClientRegistration>> InvalidRegistrations => new()
    {
        { "Name", r => r with { Name = "  " } },
        { "Name", r => r with { Name = new string('n', 257) } },
        { "Description", r => r with { Description = new string('d', 2001) } },
        { "ImageUrl", r => r with { ImageUrl = "http://cdn.example.test/logo.png" } },
        { "ImageUrl", r => r with { ImageUrl = "logo.png" } },
        { "RedirectUris", r => r with { RedirectUris = [] } },
        { "RedirectUris", r => r with { RedirectUris = Enumerable.Range(0, 21).Select(i => $"https://app.example.test/{i}").ToList() } },
        { "RedirectUris", r => r with { RedirectUris = ["https://app.example.test/cb", "https://app.example.test/cb"] } },
        { "RedirectUris", r => r with { RedirectUris = ["https://app.example.test/cb#frag"] } },
        { "RedirectUris", r => r with { RedirectUris = ["http://app.example.test/cb"] } },
        { "OwnerId", r => r with { OwnerId = "no-such-user" } },
        { "PostLogoutRedirectUris", r => r with { PostLogoutRedirectUris = ["https://app.example.test/bye#frag"] } },
        { "PostLogoutRedirectUris", r => r with { PostLogoutRedirectUris = ["http://app.example.test/bye"] } },
        { "PostLogoutRedirectUris", r => r with { PostLogoutRedirectUris = ["https://app.example.test/bye", "https://app.example.test/bye"] } },
        { "PostLogoutRedirectUris", r => r with { PostLogoutRedirectUris = Enumerable.Range(0, 21).Select(i => $"https://app.example.test/{i}").ToList() } },
        { "BackchannelLogoutUri", r => r with { BackchannelLogoutUri = "https://app.example.test/bc#frag" } },
        { "BackchannelLogoutUri", r => r with { BackchannelLogoutUri = "http://app.example.test/bc" } },
        { "BackchannelLogoutUri", r => r with { BackchannelLogoutUri = "com.example.app:/logout" } },
        { "BackchannelLogoutUri", r => r with { BackchannelLogoutUri = "https://user@app.example.test/bc" } },
        { "IdTokenSignedResponseAlg", r => r with { IdTokenSignedResponseAlg = "HS256" } },
        { "IdTokenSignedResponseAlg", r => r with { IdTokenSignedResponseAlg = "es256" } },
        { "IdTokenSignedResponseAlg", r => r with { IdTokenSignedResponseAlg = "none" } },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task RegisterAsync_InvalidField_FailsOnThatFieldAndSavesNothing(string field, Func<ClientRegistration, ClientRegistration> breakIt)
    {
        var owner = await TestUsers.CreateAsync(factory);

        var outcome = await RegisterAsync(breakIt(Valid(owner.Id)));

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Errors, e => e.Field == field);
        var count = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.CountAsync(c => c.OwnerId == owner.Id));
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task RegisterAsync_TwentyRedirectUris_Succeeds()
    {
        var owner = await TestUsers.CreateAsync(factory);
        var uris = Enumerable.Range(0, 20).Select(i => $"https://app.example.test/{i}").ToList();

        var outcome = await RegisterAsync(Valid(owner.Id) with { RedirectUris = uris });

        Assert.True(outcome.Succeeded);
    }

    [Fact]
    public async Task RegisterAsync_OidcSettings_AreStoredAsGiven()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var outcome = await RegisterAsync(Valid(owner.Id) with
        {
            PostLogoutRedirectUris = ["https://billing.example.test/bye", "http://localhost:5000/bye"],
            BackchannelLogoutUri = "  https://billing.example.test/backchannel?tenant=1 ",
            IdTokenSignedResponseAlg = "ES256",
        });

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        var stored = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients
            .Include(c => c.PostLogoutRedirectUris).SingleAsync(c => c.Id == outcome.Value!.ClientId));
        Assert.Equal(["https://billing.example.test/bye", "http://localhost:5000/bye"], stored.PostLogoutRedirectUris.OrderBy(r => r.Id).Select(r => r.Uri));
        Assert.Equal("https://billing.example.test/backchannel?tenant=1", stored.BackchannelLogoutUri);
        Assert.Equal("ES256", stored.IdTokenSignedResponseAlg);
    }

    [Fact]
    public async Task RegisterAsync_NoOidcSettings_HasNoLogoutUrisAndSignsWithRs256()
    {
        var owner = await TestUsers.CreateAsync(factory);

        var outcome = await RegisterAsync(Valid(owner.Id) with { BackchannelLogoutUri = "   ", IdTokenSignedResponseAlg = "" });

        var stored = await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients
            .Include(c => c.PostLogoutRedirectUris).SingleAsync(c => c.Id == outcome.Value!.ClientId));
        Assert.Empty(stored.PostLogoutRedirectUris);
        Assert.Null(stored.BackchannelLogoutUri);
        Assert.Equal("RS256", stored.IdTokenSignedResponseAlg);
    }

    [Theory]
    [InlineData("false", "http://127.0.0.1:5001/bc", true)]
    [InlineData("false", "http://app.internal:8080/bc", false)]
    [InlineData("true", "http://127.0.0.1:5001/bc", false)]
    [InlineData("true", "https://app.internal/bc", true)]
    [InlineData("true", "https://127.0.0.1/bc", false)]
    [InlineData("true", "https://169.254.169.254/latest/meta-data", false)]
    [InlineData("true", "https://localhost:8443/bc", false)]
    [InlineData("false", "https://10.0.0.5/bc", true)]
    public async Task RegisterAsync_BackchannelUri_IsHttpsOrLoopbackHttpInDevelopment(string requireHttps, string uri, bool accepted)
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?> { ["OAuth:RequireHttps"] = requireHttps });
        var owner = await TestUsers.CreateAsync(factory);

        var outcome = await factory.WithScopeAsync(services => services.GetRequiredService<ClientRegistrar>().RegisterAsync(
            Valid(owner.Id) with { BackchannelLogoutUri = uri }, "test"));

        Assert.Equal(accepted, outcome.Succeeded);
        Assert.Equal(accepted ? [] : ["BackchannelLogoutUri"], outcome.Errors.Select(e => e.Field));
    }
}
