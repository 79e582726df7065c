using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// The FAPI 2.0 Security Profile (OpenID Foundation, final, February 2025, §5.3.2) for a client registered with
/// <see cref="ClientProfile.Fapi2"/>. The rules that the server can impose are imposed by the rule classes, each asking
/// <see cref="AppliesTo"/>: pushed requests (<see cref="Authorization.RequirePushedAuthorizationRequests"/>), PKCE S256
/// (<see cref="Authorization.RequirePkceForPublicClients"/>), DPoP (<see cref="Dpop.RequireDpopProof"/>), private_key_jwt
/// and no shared secret (<see cref="ClientAuthenticator"/>), codes of at most 60 s (<see cref="CodeLifetime"/>), pushed
/// requests with a redirect_uri (<see cref="CheckPushedRequest"/>) that wait less than 600 s (<see cref="PushedRequestLifetime"/>),
/// no RS256 signatures (<see cref="AllowsAlgorithm"/>, <see cref="IdTokenAlgorithm"/>). The
/// rules that depend on how the client is registered (its type, its keys) cannot be imposed: the client fails to
/// authenticate until they are met, and <see cref="Checklist"/> says which and what fixes them.
/// </summary>
public static class Fapi2SecurityProfile
{
    /// <summary>§5.3.2.1: "shall issue authorization codes with a maximum lifetime of 60 seconds".</summary>
    public static readonly TimeSpan MaxAuthorizationCodeLifetime = TimeSpan.FromSeconds(60);

    public static bool AppliesTo(Client client) => client.Profile == ClientProfile.Fapi2;

    /// <summary>The lifetime of a code issued to <paramref name="client"/>: the configured one, at most 60 s under the profile.</summary>
    public static TimeSpan CodeLifetime(Client client, TimeSpan configured) =>
        AppliesTo(client) && configured > MaxAuthorizationCodeLifetime ? MaxAuthorizationCodeLifetime : configured;

    /// <summary>§5.4.1: signatures with PS256, ES256 or EdDSA (Ed25519), never RSASSA-PKCS1-v1_5 (RS256).</summary>
    public static readonly IReadOnlyList<string> SigningAlgorithms = ["PS256", "ES256", "EdDSA"];

    /// <summary>Whether <paramref name="client"/> may sign a client assertion or a DPoP proof with <paramref name="algorithm"/>.</summary>
    public static bool AllowsAlgorithm(Client client, string? algorithm) => !AppliesTo(client) || SigningAlgorithms.Contains(algorithm);

    /// <summary>
    /// The algorithm the portal signs a client's id_tokens and logout tokens with: its registered one, except RS256 under
    /// the profile, which becomes ES256 (the portal's keys are RS256 and ES256; §5.4.1 excludes RS256).
    /// </summary>
    public static string? IdTokenAlgorithm(ClientProfile profile, string? registered) =>
        profile == ClientProfile.Fapi2 && registered is not Oidc.SigningAlgorithms.ES256 ? Oidc.SigningAlgorithms.ES256 : registered;

    /// <summary>§5.3.2.2: "shall issue pushed authorization request request_uri with expires_in values of less than 600 seconds".</summary>
    public static readonly TimeSpan MaxPushedRequestLifetime = TimeSpan.FromSeconds(599);

    /// <summary>How long a request pushed by <paramref name="client"/> waits for the browser: under the profile, less than 600 s.</summary>
    public static TimeSpan PushedRequestLifetime(Client client, TimeSpan configured) =>
        AppliesTo(client) && configured > MaxPushedRequestLifetime ? MaxPushedRequestLifetime : configured;

    /// <summary>§5.3.2.2: "shall require the redirect_uri parameter in pushed authorization requests".</summary>
    public static OAuthError? CheckPushedRequest(Client client, bool redirectUriSent) =>
        AppliesTo(client) && !redirectUriSent
            ? OAuthError.InvalidRequest("This client follows the FAPI 2.0 Security Profile: send 'redirect_uri' with every pushed authorization request.")
            : null;

    /// <summary>
    /// Each rule of the profile, met or not by the client as registered and the server as configured, with the setting
    /// that meets it. With the profile on, the rules it imposes are met by the profile itself.
    /// </summary>
    public static IReadOnlyList<ProfileRule> Checklist(Client client, OAuthOptions options)
    {
        var on = AppliesTo(client);
        var usesKeys = client.TokenEndpointAuthMethod == ClientAuthenticationMethod.PrivateKeyJwt;
        return
        [
            new("Confidential client", "FAPI 2.0 §5.3.2.1",
                client.Type == ClientType.Confidential,
                "The profile is for confidential clients only; a client's type cannot change: register a confidential client."),
            new("Client authentication with private_key_jwt", "FAPI 2.0 §5.3.2.1, RFC 7523",
                usesKeys && (client.Jwks is not null || client.JwksUri is not null),
                "Set token endpoint authentication to private_key_jwt and register the client's public keys (a JWK Set or a jwks_uri)."),
            new("No shared secret (client_secret_basic, client_secret_post)", "FAPI 2.0 §5.3.2.1",
                client.SecretHash is null && client.Type == ClientType.Confidential,
                "Switch token endpoint authentication to private_key_jwt: the secret is deleted."),
            new("Pushed authorization requests", "FAPI 2.0 §5.3.2.2, RFC 9126",
                on || client.RequirePushedAuthorizationRequests || options.RequirePushedAuthorizationRequests,
                "Turn on the FAPI 2.0 profile, or Require pushed authorization requests."),
            new("PKCE with S256", "FAPI 2.0 §5.3.2.2, RFC 7636",
                on || client.Type == ClientType.Public || options.RequirePkceForConfidentialClients,
                "Turn on the FAPI 2.0 profile (or OAuth:RequirePkceForConfidentialClients for every client)."),
            new("Sender-constrained access tokens (DPoP)", "FAPI 2.0 §5.3.2.1, RFC 9449",
                on || client.DpopBoundAccessTokens,
                "Turn on the FAPI 2.0 profile, or Require DPoP."),
            new("redirect_uri in every pushed request", "FAPI 2.0 §5.3.2.2",
                on, "Turn on the FAPI 2.0 profile."),
            new("Issuer in the authorization response (iss)", "FAPI 2.0 §5.3.2.2, RFC 9207",
                true, null),
            new("Authorization codes live at most 60 seconds", "FAPI 2.0 §5.3.2.1",
                CodeLifetime(client, options.AuthorizationCodeLifetime) <= MaxAuthorizationCodeLifetime,
                "Turn on the FAPI 2.0 profile (or set OAuth:AuthorizationCodeLifetime to 60 seconds or less)."),
            new("Signatures with PS256, ES256 or EdDSA, never RS256", "FAPI 2.0 §5.4.1",
                on, "Turn on the FAPI 2.0 profile: RS256 client assertions and DPoP proofs are then refused, and id_tokens are signed with ES256."),
            new("Refresh tokens rotated, a reused one revokes its grant", "RFC 9700 §4.14.2",
                true, null),
        ];
    }
}

/// <summary>One rule of a security profile: whether it is met, and if not, the setting that meets it.</summary>
public sealed record ProfileRule(string Rule, string Reference, bool Met, string? Fix);
