using System.Text.Json.Nodes;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using M = OAuthPortal.OAuth.Registration.ClientMetadataNames;

namespace OAuthPortal.OAuth.Registration;

/// <summary>
/// A client's registered metadata as the registration endpoint returns it (RFC 7591 §3.2.1, RFC 7592 §3): every value
/// the portal keeps, with client_id, client_id_issued_at and registration_client_uri; client_secret (with
/// client_secret_expires_at 0: it does not expire) and registration_access_token only when just made, since only their
/// hashes are kept. Members with no value are left out.
/// </summary>
public static class ClientMetadataDocument
{
    public static JsonObject Create(
        Client client, string registrationClientUri, string? newClientSecret = null, string? newRegistrationAccessToken = null)
    {
        var grantTypes = RequireAllowedGrantType.Of(client.AllowedGrantTypes);
        var document = new JsonObject
        {
            [M.ClientId] = client.Id,
            [M.ClientIdIssuedAt] = new DateTimeOffset(DateTime.SpecifyKind(client.CreatedAt, DateTimeKind.Utc)).ToUnixTimeSeconds(),
        };
        if (newClientSecret is not null)
        {
            document[M.ClientSecret] = newClientSecret;
        }

        if (ClientAuthenticationRegistrationRules.UsesSecret(client.TokenEndpointAuthMethod))
        {
            document[M.ClientSecretExpiresAt] = 0; // §3.2.1: required whenever a secret was issued; 0 = never
        }

        if (newRegistrationAccessToken is not null)
        {
            document[M.RegistrationAccessToken] = newRegistrationAccessToken;
        }

        document[M.RegistrationClientUri] = registrationClientUri;
        document[M.ClientName] = client.Name;
        Add(document, M.ClientUri, client.ClientUri);
        Add(document, M.LogoUri, client.ImageUrl);
        document[M.RedirectUris] = Array(client.RedirectUris.OrderBy(r => r.Id).Select(r => r.Uri));
        document[M.GrantTypes] = Array(grantTypes);
        document[M.ResponseTypes] = Array(RequireMatchingResponseTypes.For(grantTypes));
        document[M.TokenEndpointAuthMethod] = client.TokenEndpointAuthMethod;
        if (client.MachineScopes.Count > 0)
        {
            document[M.Scope] = string.Join(' ', client.MachineScopes.Select(s => s.Name).Order(StringComparer.Ordinal));
        }

        if (client.Contacts is { } contacts)
        {
            document[M.Contacts] = Array(contacts.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        Add(document, M.SoftwareId, client.SoftwareId);
        Add(document, M.SoftwareVersion, client.SoftwareVersion);
        if (client.PostLogoutRedirectUris.Count > 0)
        {
            document[M.PostLogoutRedirectUris] = Array(client.PostLogoutRedirectUris.OrderBy(r => r.Id).Select(r => r.Uri));
        }

        Add(document, M.BackchannelLogoutUri, client.BackchannelLogoutUri);
        document[M.IdTokenSignedResponseAlg] = client.IdTokenSignedResponseAlg;
        if (client.Jwks is { } jwks)
        {
            document[M.Jwks] = JsonNode.Parse(jwks);
        }

        Add(document, M.JwksUri, client.JwksUri);
        document[M.RequirePushedAuthorizationRequests] = client.RequirePushedAuthorizationRequests;
        document[M.DpopBoundAccessTokens] = client.DpopBoundAccessTokens;
        return document;
    }

    private static void Add(JsonObject document, string member, string? value)
    {
        if (value is not null)
        {
            document[member] = value;
        }
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
