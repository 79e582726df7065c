using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// How a client may be registered to authenticate (RFC 7591 §2 <c>token_endpoint_auth_method</c>, <c>jwks</c>,
/// <c>jwks_uri</c>) and which security profile it may ask for, shared by the developer area, the CLI and dynamic
/// registration: a public client authenticates with <c>none</c> (RFC 6749 §2.1: it has no credentials); a confidential
/// client with <c>client_secret_basic</c>, <c>client_secret_post</c> or <c>private_key_jwt</c>; keys are registered
/// with <c>private_key_jwt</c> only, under <see cref="ClientKeyRegistrationRules"/>; only a confidential client can
/// take the FAPI 2.0 profile (§5.3.2.1), since a client's type never changes. A <c>private_key_jwt</c> client has no
/// shared secret at all (<see cref="UsesSecret"/>).
/// </summary>
public static class ClientAuthenticationRegistrationRules
{
    /// <summary>The methods a client of <paramref name="type"/> may register, the default first.</summary>
    public static IReadOnlyList<string> AllowedFor(ClientType type) => type == ClientType.Public
        ? [ClientAuthenticationMethod.None]
        : [ClientAuthenticationMethod.ClientSecretBasic, ClientAuthenticationMethod.ClientSecretPost, ClientAuthenticationMethod.PrivateKeyJwt];

    /// <summary>The method as stored: the one asked for (trimmed), or the default of the type.</summary>
    public static string Effective(ClientType type, string? requested) =>
        string.IsNullOrWhiteSpace(requested) ? ClientAuthenticationMethod.DefaultFor(type) : requested.Trim();

    /// <summary>Whether a client authenticating with <paramref name="method"/> has a shared secret (client_secret_basic, client_secret_post).</summary>
    public static bool UsesSecret(string method) =>
        method is ClientAuthenticationMethod.ClientSecretBasic or ClientAuthenticationMethod.ClientSecretPost;

    /// <summary>A pasted JWK Set as stored: trimmed, and only for private_key_jwt; otherwise null.</summary>
    public static string? JwksOf(string method, string? jwks) =>
        method == ClientAuthenticationMethod.PrivateKeyJwt && !string.IsNullOrWhiteSpace(jwks) ? jwks.Trim() : null;

    /// <summary>A jwks_uri as stored: trimmed, and only for private_key_jwt; otherwise null.</summary>
    public static string? JwksUriOf(string method, string? jwksUri) =>
        method == ClientAuthenticationMethod.PrivateKeyJwt && !string.IsNullOrWhiteSpace(jwksUri) ? jwksUri.Trim() : null;

    /// <summary>Every problem with the method, keys and profile of <paramref name="registration"/>, each on its field.</summary>
    public static IEnumerable<FieldError> Validate(ClientRegistration registration, bool requireHttps)
    {
        var method = Effective(registration.Type, registration.TokenEndpointAuthMethod);
        var hasJwks = !string.IsNullOrWhiteSpace(registration.Jwks);
        var hasUri = !string.IsNullOrWhiteSpace(registration.JwksUri);
        if (!AllowedFor(registration.Type).Contains(method))
        {
            yield return new(nameof(registration.TokenEndpointAuthMethod), registration.Type == ClientType.Public
                ? $"A public client has no credentials: it authenticates with '{ClientAuthenticationMethod.None}' (and PKCE), not {FieldText.Quote(method)}."
                : $"The token endpoint authentication method must be one of {string.Join(", ", AllowedFor(ClientType.Confidential))}, not {FieldText.Quote(method)}.");
        }
        else if (method != ClientAuthenticationMethod.PrivateKeyJwt && (hasJwks || hasUri))
        {
            yield return new(hasJwks ? nameof(registration.Jwks) : nameof(registration.JwksUri),
                $"Public keys are registered only for {ClientAuthenticationMethod.PrivateKeyJwt}; this client authenticates with {method}.");
        }
        else
        {
            // Problems with a jwks_uri belong to that field; the others (the set, both, neither) to the JWK Set's.
            var field = hasUri && !hasJwks ? nameof(registration.JwksUri) : nameof(registration.Jwks);
            foreach (var problem in ClientKeyRegistrationRules.Validate(method, registration.Jwks, registration.JwksUri, requireHttps))
            {
                yield return new(field, problem);
            }
        }

        if (registration.Profile == ClientProfile.Fapi2 && registration.Type != ClientType.Confidential)
        {
            yield return new(nameof(registration.Profile), "The FAPI 2.0 Security Profile is for confidential clients only (FAPI 2.0 section 5.3.2.1).");
        }
    }
}
