using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// Clients as <c>/oauth2/register</c> (RFC 7591) leaves them, written straight to the database: registered by a program,
/// with software metadata, owned by a developer through an initial access token, or by no one (open registration).
/// </summary>
public static class ProgramClients
{
    public static async Task<string> InsertAsync(PortalFactory factory, string? ownerId, long? initialAccessTokenId = null, bool registeredByProgram = true)
    {
        var clientId = Unique.Name("dcr");
        await factory.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            db.Clients.Add(new Client
            {
                Id = clientId,
                OwnerId = ownerId,
                Name = Unique.Name("agent"),
                Type = ClientType.Confidential,
                CreatedAt = PortalFactory.Start.UtcDateTime,
                UpdatedAt = PortalFactory.Start.UtcDateTime,
                AllowedGrantTypes = "client_credentials",
                TokenEndpointAuthMethod = "client_secret_basic",
                SecretHash = new byte[32],
                RegisteredByProgram = registeredByProgram,
                InitialAccessTokenId = initialAccessTokenId,
                SoftwareId = registeredByProgram ? "agent-kit" : null,
                SoftwareVersion = registeredByProgram ? "1.2.3" : null,
                ClientUri = registeredByProgram ? "https://agent.example.test/" : null,
                Contacts = registeredByProgram ? "ops@agent.example.test dev@agent.example.test" : null,
            });
            await db.SaveChangesAsync();
        });
        return clientId;
    }
}
