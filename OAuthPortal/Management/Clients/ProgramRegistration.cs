namespace OAuthPortal.Management.Clients;

/// <summary>
/// How a program registered a client (RFC 7591): with which initial access token (null for open registration), the
/// hash of the registration access token it manages the client with (RFC 7592), and how the audit log describes it.
/// </summary>
public sealed record ProgramRegistration(long? InitialAccessTokenId, byte[] RegistrationAccessTokenHash, string Description);
