using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;

namespace OAuthPortal.Tests.Support;

/// <summary>OpenID Connect client settings and sign-ins for tests: logout URIs straight into the database, an id_token through the real flow.</summary>
public static class OidcClients
{
    public const string PostLogoutUri = "https://client.example.test/signed-out";
    public const string BackchannelUri = "https://client.example.test/backchannel-logout";

    public static Task AddPostLogoutRedirectUriAsync(PortalFactory factory, string clientId, string uri = PostLogoutUri) =>
        factory.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            var registered = PostLogoutRedirectUri.For(uri);
            registered.ClientId = clientId;
            db.PostLogoutRedirectUris.Add(registered);
            await db.SaveChangesAsync();
        });

    public static Task SetBackchannelLogoutUriAsync(PortalFactory factory, string clientId, string? uri = BackchannelUri) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == clientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.BackchannelLogoutUri, uri)));

    /// <summary>Consent and code exchange with openid: the id_token the scenario's user got.</summary>
    public static async Task<string> IdTokenAsync(OAuthScenario scenario)
    {
        var code = await TokenEndpoint.AuthorizeAsync(scenario);
        var reply = await TokenEndpoint.TokenAsync(scenario.Factory.CreateClient(), TokenEndpoint.CodeForm(scenario, code));
        return reply["id_token"] ?? throw new InvalidOperationException("No id_token: " + reply.Json);
    }

    public static Task<bool> SessionEndedAsync(PortalFactory factory, string userId) =>
        factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().UserSessions.Where(x => x.UserId == userId).AllAsync(x => x.EndedAt != null));
}
