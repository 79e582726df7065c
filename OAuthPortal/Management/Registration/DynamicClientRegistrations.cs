using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Registration;
using OAuthPortal.OAuth.Secrets;
using E = OAuthPortal.OAuth.OAuthErrorCodes;
using M = OAuthPortal.OAuth.Registration.ClientMetadataNames;

namespace OAuthPortal.Management.Registration;

/// <summary>
/// What the registration endpoint does: register a client for a program (RFC 7591 §3), under the same rules and with
/// the same audit trail as the developer area (<see cref="ClientRegistrar"/>), and read, replace and delete it with
/// its registration access token (RFC 7592, through <see cref="ClientManager"/>). Who may register is
/// <c>OAuth:Registration:Mode</c>: nobody, holders of an initial access token (the clients are its maker's), or anyone.
/// </summary>
public sealed class DynamicClientRegistrations(
    PortalDbContext db, ClientRegistrar registrar, ClientManager manager, InitialAccessTokens initialAccessTokens, IOptions<OAuthOptions> options,
    TimeProvider clock)
{
    /// <summary>
    /// Who may register, decided before the body is read: the live initial access token presented (null in open mode
    /// without one), or 403 when registration is off and 401 (invalid_token) for a missing, unknown, expired, revoked
    /// or used-up token, all alike (RFC 7591 §3, RFC 6750 §3.1).
    /// </summary>
    public async Task<OAuthResult<InitialAccessToken?>> AdmitAsync(string? bearerToken, CancellationToken cancellationToken)
    {
        var mode = options.Value.Registration.EffectiveMode;
        if (mode == RegistrationMode.Disabled)
        {
            return new OAuthError(E.AccessDenied,
                "Dynamic client registration is turned off on this server (OAuth:Registration:Mode). Ask its administrators, or register the client in the developer area.",
                StatusCodes.Status403Forbidden);
        }

        if (bearerToken is null && mode == RegistrationMode.Open)
        {
            return OAuthResult<InitialAccessToken?>.Success(null);
        }

        return bearerToken is not null && await initialAccessTokens.FindUsableAsync(bearerToken, cancellationToken) is { } token &&
            !await LockedAsync(token.OwnerId, cancellationToken)
            ? OAuthResult<InitialAccessToken?>.Success(token)
            : UnusableInitialAccessToken;
    }

    /// <summary>Whether <paramref name="userId"/> is locked out: a locked developer's tokens and clients are not managed by programs either.</summary>
    private async Task<bool> LockedAsync(string? userId, CancellationToken cancellationToken) =>
        userId is not null && await db.Users.Where(u => u.Id == userId).Select(u => u.LockoutEnd).SingleOrDefaultAsync(cancellationToken) is { } end &&
        end > clock.GetUtcNow();

    /// <summary>
    /// Registers the client <paramref name="metadata"/> describes (RFC 7591 §3.1): the metadata is checked in full
    /// first, then one use of <paramref name="token"/> is taken (a conditional UPDATE), then the client is saved.
    /// </summary>
    public async Task<OAuthResult<JsonObject>> RegisterAsync(
        InitialAccessToken? token, ClientMetadata metadata, string remoteAddress, Func<string, string> registrationClientUri, CancellationToken cancellationToken)
    {
        var registration = ClientMetadataMapping.ToRegistration(metadata, token?.OwnerId);
        if (await ProblemAsync(metadata, registration, open: token is null, token?.AllowedGrantTypes, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (token is not null && !await initialAccessTokens.TryUseAsync(token.Id, cancellationToken))
        {
            return UnusableInitialAccessToken; // used up, revoked or expired since it was admitted
        }

        var registrationAccessToken = TokenGenerator.NewSecret();
        var program = new ProgramRegistration(token?.Id, SecretHasher.Hash(registrationAccessToken), token is null
            ? $"registered by a program through open registration from {remoteAddress}"
            : $"registered by a program with initial access token '{token.Name}' (#{token.Id}) from {remoteAddress}");
        Outcome<RegisteredClient> outcome;
        try
        {
            outcome = await registrar.RegisterAsync(registration, token?.OwnerId ?? OpenRegistrationActor, program, cancellationToken);
        }
        catch when (token is not null)
        {
            await initialAccessTokens.GiveBackAsync(token.Id, CancellationToken.None);
            throw;
        }

        if (!outcome.Succeeded)
        {
            // The rules passed a moment ago; something changed in between (a machine scope was deleted...).
            if (token is not null)
            {
                await initialAccessTokens.GiveBackAsync(token.Id, CancellationToken.None);
            }

            return ClientMetadataMapping.ErrorFor(outcome.Errors);
        }

        var client = await LoadAsync(outcome.Value!.ClientId, cancellationToken);
        return OAuthResult<JsonObject>.Success(
            ClientMetadataDocument.Create(client!, registrationClientUri(client!.Id), outcome.Value.ClientSecret, registrationAccessToken));
    }

    /// <summary>
    /// The client <paramref name="clientId"/> when <paramref name="registrationAccessToken"/> is its registration access
    /// token (one indexed lookup by hash); null for a wrong, unknown or another client's token, alike (RFC 7592 §2).
    /// </summary>
    public async Task<Client?> FindAsync(string clientId, string? registrationAccessToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(registrationAccessToken))
        {
            return null;
        }

        var hash = SecretHasher.Hash(registrationAccessToken);
        var found = await db.Clients.Where(c => c.RegistrationAccessTokenHash == hash).Select(c => new { c.Id, c.OwnerId }).SingleOrDefaultAsync(cancellationToken);
        return found?.Id == clientId && !await LockedAsync(found.OwnerId, cancellationToken) ? await LoadAsync(clientId, cancellationToken) : null;
    }

    /// <summary>
    /// Replaces the client's metadata with <paramref name="metadata"/> (RFC 7592 §2.2: omitted members are cleared or
    /// take their defaults; the authentication method, when omitted, stays), under the registration rules. The body must
    /// name the client's client_id and, if it carries client_secret, the current one. <c>rotate_client_secret: true</c>
    /// makes a new secret, returned once.
    /// </summary>
    public async Task<OAuthResult<JsonObject>> UpdateAsync(Client client, ClientMetadata metadata, string registrationClientUri, CancellationToken cancellationToken)
    {
        if (metadata.ClientId != client.Id)
        {
            return new OAuthError(E.InvalidClientMetadata, $"{M.ClientId}: the request must name the client's own client_id (RFC 7592 section 2.2).");
        }

        if (metadata.ClientSecret is { } secret && !SecretHasher.Matches(secret, client.SecretHash))
        {
            return new OAuthError(E.InvalidClientMetadata, $"{M.ClientSecret}: it is not the client's current secret (RFC 7592 section 2.2).");
        }

        var registration = ClientMetadataMapping.ToRegistration(metadata, client.OwnerId, client.Type, client.TokenEndpointAuthMethod);
        var cap = await db.InitialAccessTokens.Where(t => t.Id == client.InitialAccessTokenId).Select(t => t.AllowedGrantTypes).SingleOrDefaultAsync(cancellationToken);
        if (await ProblemAsync(metadata, registration, open: client.OwnerId is null, cap, cancellationToken) is { } problem)
        {
            return problem;
        }

        var actor = $"client:{client.Id} (registration access token)";
        var saved = await manager.UpdateAsync(null, client.Id, new ClientEdit(
            registration.Name, client.Description, registration.ImageUrl ?? "", registration.RedirectUris, registration.PostLogoutRedirectUris,
            registration.BackchannelLogoutUri, registration.IdTokenSignedResponseAlg, registration.GrantTypes ?? [], registration.MachineScopes)
        {
            Authentication = new ClientKeys(registration.TokenEndpointAuthMethod ?? client.TokenEndpointAuthMethod, registration.Jwks, registration.JwksUri),
            // Omitted, these stay as they are: leaving a member out must not switch a protection off.
            RequirePushedAuthorizationRequests = metadata.RequirePushedAuthorizationRequests,
            DpopBoundAccessTokens = metadata.DpopBoundAccessTokens,
            ClientUri = registration.ClientUri ?? "",
            SoftwareId = registration.SoftwareId ?? "",
            SoftwareVersion = registration.SoftwareVersion ?? "",
            Contacts = registration.Contacts,
        }, actor, cancellationToken);
        if (saved is null)
        {
            return UnusableRegistrationAccessToken; // deleted meanwhile
        }

        if (!saved.Succeeded)
        {
            return ClientMetadataMapping.ErrorFor(saved.Errors);
        }

        var newSecret = saved.Value!.NewSecret;
        if (metadata.RotateClientSecret && newSecret is null)
        {
            newSecret = await manager.RotateSecretAsync(null, client.Id, actor, cancellationToken);
        }

        db.ChangeTracker.Clear();
        var registrationAccessToken = await RotateRegistrationAccessTokenAsync(client, cancellationToken);
        return OAuthResult<JsonObject>.Success(
            ClientMetadataDocument.Create((await LoadAsync(client.Id, cancellationToken))!, registrationClientUri, newSecret, registrationAccessToken));
    }

    /// <summary>
    /// The client's metadata (RFC 7592 §2.1), never its secret, with a new registration access token (§3: the answer
    /// carries one, and only a hash of the old one is kept); the old one stops working. 401 when another request
    /// rotated it first.
    /// </summary>
    public async Task<OAuthResult<JsonObject>> ReadAsync(Client client, string registrationClientUri, CancellationToken cancellationToken) =>
        await RotateRegistrationAccessTokenAsync(client, cancellationToken) is { } registrationAccessToken
            ? OAuthResult<JsonObject>.Success(ClientMetadataDocument.Create(client, registrationClientUri, newRegistrationAccessToken: registrationAccessToken))
            : UnusableRegistrationAccessToken;

    /// <summary>A new registration access token in place of the one <paramref name="client"/> was found with (one conditional UPDATE); null if it changed meanwhile.</summary>
    private async Task<string?> RotateRegistrationAccessTokenAsync(Client client, CancellationToken cancellationToken)
    {
        var token = TokenGenerator.NewSecret();
        var hash = SecretHasher.Hash(token);
        var changed = await db.Clients.Where(c => c.Id == client.Id && c.RegistrationAccessTokenHash == client.RegistrationAccessTokenHash)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.RegistrationAccessTokenHash, hash), cancellationToken);
        return changed == 1 ? token : null;
    }

    /// <summary>Deletes the client with its tokens, codes and grants (RFC 7592 §2.3).</summary>
    public Task<bool> DeleteAsync(Client client, CancellationToken cancellationToken) =>
        manager.DeleteAsync(null, client.Id, $"client:{client.Id} (registration access token)", cancellationToken);

    /// <summary>Who the audit log names for a client registered openly.</summary>
    public const string OpenRegistrationActor = "open registration";

    /// <summary>401 for any registration access token that does not open this client (RFC 7592 §2.1: nothing is revealed).</summary>
    public static readonly OAuthError UnusableRegistrationAccessToken = new(E.InvalidToken,
        "The registration access token is not valid for this client.", StatusCodes.Status401Unauthorized);

    private static readonly OAuthError UnusableInitialAccessToken = new(E.InvalidToken,
        "A valid initial access token is required (Authorization: Bearer); this one is missing, unknown, expired, revoked or used up.",
        StatusCodes.Status401Unauthorized);

    /// <summary>What the registration endpoint refuses that the developer area has no field for, then the shared rules.</summary>
    private async Task<OAuthError?> ProblemAsync(
        ClientMetadata metadata, ClientRegistration registration, bool open, string? grantTypeCap, CancellationToken cancellationToken)
    {
        if (metadata.HasSoftwareStatement)
        {
            return new OAuthError(E.InvalidSoftwareStatement, $"{M.SoftwareStatement}: software statements are not supported by this server; send the metadata itself.");
        }

        if ((RequireMatchingResponseTypes.Check(metadata) ?? LimitRegisteredGrantTypes.Check(registration.GrantTypes, open, grantTypeCap)) is { } problem)
        {
            return new OAuthError(E.InvalidClientMetadata, problem);
        }

        var errors = await registrar.ValidateAsync(registration, cancellationToken);
        return errors.Count > 0 ? ClientMetadataMapping.ErrorFor(errors) : null;
    }

    private Task<Client?> LoadAsync(string clientId, CancellationToken cancellationToken) => db.Clients.AsNoTracking()
        .Include(c => c.RedirectUris).Include(c => c.PostLogoutRedirectUris).Include(c => c.MachineScopes).AsSplitQuery()
        .SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
}
