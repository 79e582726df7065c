using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// How a client authenticates at the token, revocation and introspection endpoints (RFC 7591 §2
/// <c>token_endpoint_auth_method</c>), by its wire name as <see cref="Client.TokenEndpointAuthMethod"/> stores it. The only
/// place these strings live.
/// </summary>
public static class ClientAuthenticationMethod
{
    /// <summary>RFC 6749 §2.3.1, HTTP Basic. The default for confidential clients (RFC 7591 §2).</summary>
    public const string ClientSecretBasic = "client_secret_basic";

    /// <summary>RFC 6749 §2.3.1, client_id and client_secret in the form body.</summary>
    public const string ClientSecretPost = "client_secret_post";

    /// <summary>
    /// RFC 7523 §2.2, OpenID Connect Core §9: a JWT signed with a key whose public half the client registered
    /// (<see cref="Client.Jwks"/> or <see cref="Client.JwksUri"/>). Such a client has no shared secret.
    /// </summary>
    public const string PrivateKeyJwt = "private_key_jwt";

    /// <summary>No authentication: a public client (RFC 6749 §2.1), which must use PKCE.</summary>
    public const string None = "none";

    /// <summary>The method a new client of <paramref name="type"/> gets.</summary>
    public static string DefaultFor(ClientType type) => type == ClientType.Public ? None : ClientSecretBasic;
}
