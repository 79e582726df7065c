using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Secrets;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// Client authentication at the token, revocation and introspection endpoints (RFC 6749 §§2.3, 3.2.1): exactly one
/// of client_secret_basic, client_secret_post, private_key_jwt (RFC 7523 §2.2, <see cref="ClientAssertionValidator"/>)
/// or none (public clients), never in the URL.
/// </summary>
public sealed class ClientAuthenticator(PortalDbContext db, IOAuthEvents events, ClientAssertionValidator assertions)
{
    // Compiled: every call of the token, revocation and introspection endpoints starts here.
    private static readonly Func<PortalDbContext, string, CancellationToken, Task<Client?>> FindClient = EF.CompileAsyncQuery(
        (PortalDbContext context, string id, CancellationToken cancellationToken) => context.Clients.AsNoTracking().SingleOrDefault(c => c.Id == id));

    private const string Failed = "Client authentication failed.";

    /// <param name="authorizationHeader">The Authorization header, or null when absent.</param>
    /// <param name="assertionAudiences">What a client assertion's <c>aud</c> may name: the issuer identifier and endpoint URLs (RFC 7523 §3 item 3).</param>
    public async Task<OAuthResult<Client>> AuthenticateAsync(string? authorizationHeader, ProtocolParameters body, ProtocolParameters query,
        string? remoteAddress, IReadOnlyCollection<string> assertionAudiences, CancellationToken cancellationToken = default)
    {
        if (query.All.Any(p => p.Key is P.ClientId or P.ClientSecret or P.ClientAssertion or P.ClientAssertionType))
        {
            return OAuthError.InvalidRequest("Client credentials must not be sent in the URL; use the Authorization header or the request body.");
        }

        var (credentials, credentialsError) = ReadCredentials(authorizationHeader, body);
        if (credentialsError is not null)
        {
            return credentialsError;
        }

        var (clientId, secret, assertion) = credentials;
        var client = await FindClient(db, clientId, cancellationToken);
        var failure = client is null ? ClientAuthenticationFailure.UnknownClient : Check(client, secret, assertion);
        if (failure is null && assertion is not null)
        {
            failure = await assertions.ValidateAsync(client!, assertion, assertionAudiences, cancellationToken);
        }

        if (failure is null)
        {
            return OAuthResult<Client>.Success(client!);
        }

        await events.ClientAuthenticationFailedAsync(new ClientAuthenticationFailedEvent(ForLog(clientId), failure.Value, remoteAddress));
        var description = failure == ClientAuthenticationFailure.SecretSentByPublicClient ? "This is a public client: it must not send a secret." : Failed;
        return new OAuthError(OAuthErrorCodes.InvalidClient, description, StatusCodes.Status401Unauthorized);
    }

    /// <summary>
    /// The client's registered method decides (RFC 7591 §2 <c>token_endpoint_auth_method</c>), and must fit its type:
    /// <c>none</c> (public) sends no secret; a <c>client_secret_*</c> (confidential) client proves its secret by either
    /// transport (RFC 6749 §2.3.1 lets a server accept both, and clients registered before the method was recorded used
    /// either); a <c>private_key_jwt</c> (confidential) client sends an assertion, validated next, and never a secret.
    /// </summary>
    private static ClientAuthenticationFailure? Check(Client client, string? secret, string? assertion)
    {
        if (!client.Enabled)
        {
            return ClientAuthenticationFailure.ClientDisabled;
        }

        // FAPI 2.0 §5.3.2.1: private_key_jwt (or mTLS, not offered) and no shared secret, whatever else is registered.
        if (Fapi2SecurityProfile.AppliesTo(client) && client.TokenEndpointAuthMethod != ClientAuthenticationMethod.PrivateKeyJwt)
        {
            return ClientAuthenticationFailure.ProfileRequiresPrivateKeyJwt;
        }

        // The type says what the rest of the server treats the client as (PKCE, introspection); a method that does not
        // fit it is refused rather than trusted.
        return (client.Type, client.TokenEndpointAuthMethod) switch
        {
            (ClientType.Confidential, ClientAuthenticationMethod.PrivateKeyJwt) => secret is not null
                ? ClientAuthenticationFailure.WrongMethod
                : assertion is null ? ClientAuthenticationFailure.NoAssertion : null,
            (_, _) when assertion is not null => ClientAuthenticationFailure.WrongMethod,
            (ClientType.Public, ClientAuthenticationMethod.None) => secret is null ? null : ClientAuthenticationFailure.SecretSentByPublicClient,
            (ClientType.Confidential, ClientAuthenticationMethod.ClientSecretBasic or ClientAuthenticationMethod.ClientSecretPost) => secret is null
                ? ClientAuthenticationFailure.NoSecret
                : SecretHasher.Matches(secret, client.SecretHash) ? null : ClientAuthenticationFailure.WrongSecret,
            _ => ClientAuthenticationFailure.UnsupportedMethod,
        };
    }

    /// <summary>A caller-chosen client_id as it may be logged: at most 64 characters, control characters escaped.</summary>
    private static string ForLog(string clientId)
    {
        var cut = clientId.Length > 64 ? clientId[..64] + "..." : clientId;
        return string.Concat(cut.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }

    private static ((string ClientId, string? Secret, string? Assertion) Credentials, OAuthError? Error) ReadCredentials(string? header, ProtocolParameters body)
    {
        if (body.All.Any(p => p.Key is P.ClientAssertion or P.ClientAssertionType))
        {
            return ReadAssertion(header, body);
        }

        if (header is null)
        {
            var clientId = body.Get(P.ClientId);
            var secret = body.Get(P.ClientSecret);
            return clientId is not null
                ? ((clientId, secret, null), null)
                : (default, OAuthError.InvalidRequest(secret is null
                    ? "Client authentication is required: send client_id (and client_secret) or an Authorization: Basic header."
                    : "'client_secret' was sent without 'client_id'."));
        }

        if (ParseBasic(header) is not ({ } headerId, var headerSecret))
        {
            return (default, OAuthError.InvalidRequest("The Authorization header must be 'Basic' with base64 of client_id:client_secret (RFC 6749 section 2.3.1)."));
        }

        if (body.All.Any(p => p.Key == P.ClientSecret))
        {
            return (default, OAuthError.InvalidRequest("Use one client authentication method: the Authorization header or client_secret in the body, not both."));
        }

        return body.Get(P.ClientId) is { } bodyId && bodyId != headerId
            ? (default, OAuthError.InvalidRequest("'client_id' in the body does not match the Authorization header."))
            : ((headerId, headerSecret, null), null);
    }

    /// <summary>
    /// RFC 7521 §4.2: client_assertion_type and client_assertion, alone (no Authorization header, no client_secret);
    /// client_id may be sent and must then be the assertion's <c>sub</c>. The client is the one the assertion names.
    /// </summary>
    private static ((string ClientId, string? Secret, string? Assertion) Credentials, OAuthError? Error) ReadAssertion(string? header, ProtocolParameters body)
    {
        if (header is not null || body.All.Any(p => p.Key == P.ClientSecret))
        {
            return (default, OAuthError.InvalidRequest("Use one client authentication method: a client assertion, the Authorization header or client_secret, not several."));
        }

        if (body.Get(P.ClientAssertionType) is not { } type || body.Get(P.ClientAssertion) is not { } assertion)
        {
            return (default, OAuthError.InvalidRequest("Send both 'client_assertion_type' and 'client_assertion' (RFC 7521 section 4.2)."));
        }

        if (type != P.ClientAssertionTypeJwtBearer)
        {
            return (default, OAuthError.InvalidRequest($"The only client_assertion_type supported is '{P.ClientAssertionTypeJwtBearer}'."));
        }

        if (ClientAssertionValidator.ClaimedClientId(assertion) is not { } claimed)
        {
            return (default, OAuthError.InvalidRequest("'client_assertion' must be a JWT whose 'sub' is the client_id (RFC 7523 section 3)."));
        }

        return body.Get(P.ClientId) is { } bodyId && bodyId != claimed
            ? (default, OAuthError.InvalidRequest("'client_id' does not match the client assertion's 'sub'."))
            : ((claimed, null, assertion), null);
    }

    /// <summary>RFC 7617 Basic credentials, each part form-url-decoded (RFC 6749 §2.3.1); null when malformed.</summary>
    private static (string? ClientId, string? Secret) ParseBasic(string header)
    {
        var (scheme, token) = HttpAuthentication.Split(header);
        if (!scheme.Equals(HttpAuthentication.BasicScheme, StringComparison.OrdinalIgnoreCase) || token.Length == 0)
        {
            return (null, null);
        }

        var bytes = new byte[token.Length];
        if (!Convert.TryFromBase64String(token, bytes, out var length))
        {
            return (null, null);
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return (null, null);
        }

        var colon = decoded.IndexOf(':');
        if (colon <= 0)
        {
            return (null, null);
        }

        var secret = WebUtility.UrlDecode(decoded[(colon + 1)..]);
        return (WebUtility.UrlDecode(decoded[..colon]), secret.Length == 0 ? null : secret);
    }
}
