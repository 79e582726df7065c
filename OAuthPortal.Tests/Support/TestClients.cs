using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth;

namespace OAuthPortal.Tests.Support;

/// <summary>Registers clients through the core <see cref="ClientRegistrar"/>.</summary>
public static class TestClients
{
    public static async Task<RegisteredClient> RegisterAsync(
        PortalFactory factory, string ownerId, ClientType type = ClientType.Confidential, params string[] redirectUris) =>
        await factory.WithScopeAsync(async services =>
        {
            var outcome = await services.GetRequiredService<ClientRegistrar>().RegisterAsync(new ClientRegistration(
                ownerId, Unique.Name("client"), "A test client", null, type,
                redirectUris.Length > 0 ? redirectUris : ["https://client.example.test/callback"]));
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
            return outcome.Value!;
        });
}
