using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Scopes;
using E = OAuthPortal.OAuth.OAuthErrorCodes;
using M = OAuthPortal.OAuth.Registration.ClientMetadataNames;

namespace OAuthPortal.OAuth.Registration;

/// <summary>
/// Client metadata (RFC 7591 §2) as the registration the developer area and the CLI make, so that one set of rules,
/// <see cref="ClientRegistrationRules"/>, judges all three; and the rules' field errors as RFC 7591 §3.2.2 errors
/// naming the metadata member.
/// </summary>
public static class ClientMetadataMapping
{
    /// <summary>What a client registered without a client_name is called (RFC 7591 §2: the name is optional).</summary>
    public const string UnnamedClient = "Unnamed application";

    /// <summary>
    /// The registration <paramref name="metadata"/> asks for. The type follows token_endpoint_auth_method (<c>none</c>
    /// is a public client; RFC 7591 §2's default is client_secret_basic), except on an update, where
    /// <paramref name="currentType"/> stays and an omitted method keeps <paramref name="currentMethod"/>. <c>scope</c>
    /// names the machine scopes of a client_credentials client; a client that acts for users gets the scopes its users
    /// consent to, so its <c>scope</c> is not kept.
    /// </summary>
    public static ClientRegistration ToRegistration(ClientMetadata metadata, string? ownerId, ClientType? currentType = null, string? currentMethod = null)
    {
        var method = string.IsNullOrWhiteSpace(metadata.TokenEndpointAuthMethod) ? currentMethod : metadata.TokenEndpointAuthMethod;
        var type = currentType ?? (method?.Trim() == ClientAuthenticationMethod.None ? ClientType.Public : ClientType.Confidential);
        var grantTypes = metadata.GrantTypes is { Count: > 0 } requested ? requested : null;
        var machine = GrantTypeRegistrationRules.Effective(grantTypes).Contains(OAuthParameterNames.GrantClientCredentials);
        return new ClientRegistration(
            ownerId, string.IsNullOrWhiteSpace(metadata.ClientName) ? UnnamedClient : metadata.ClientName, null, metadata.LogoUri, type,
            metadata.RedirectUris ?? [])
        {
            PostLogoutRedirectUris = metadata.PostLogoutRedirectUris ?? [],
            BackchannelLogoutUri = metadata.BackchannelLogoutUri,
            IdTokenSignedResponseAlg = metadata.IdTokenSignedResponseAlg,
            GrantTypes = grantTypes,
            MachineScopes = machine ? RequestedScopes.Names(metadata.Scope) : [],
            TokenEndpointAuthMethod = method,
            Jwks = metadata.Jwks,
            JwksUri = metadata.JwksUri,
            RequirePushedAuthorizationRequests = metadata.RequirePushedAuthorizationRequests == true,
            DpopBoundAccessTokens = metadata.DpopBoundAccessTokens == true,
            ClientUri = metadata.ClientUri,
            SoftwareId = metadata.SoftwareId,
            SoftwareVersion = metadata.SoftwareVersion,
            Contacts = metadata.Contacts ?? [],
        };
    }

    /// <summary>
    /// The error for the rules' <paramref name="errors"/>: <c>invalid_redirect_uri</c> when a redirect URI is at fault
    /// (RFC 7591 §3.2.2), else <c>invalid_client_metadata</c>; the description names each member.
    /// </summary>
    public static OAuthError ErrorFor(IReadOnlyList<FieldError> errors)
    {
        var redirect = errors.Where(e => e.Field == nameof(ClientRegistration.RedirectUris)).ToList();
        var chosen = redirect.Count > 0 ? redirect : errors;
        return new OAuthError(redirect.Count > 0 ? E.InvalidRedirectUri : E.InvalidClientMetadata,
            string.Join(" ", chosen.Select(e => $"{MemberOf(e.Field)}: {e.Message}")));
    }

    /// <summary>The metadata member a field of <see cref="ClientRegistration"/> comes from.</summary>
    public static string MemberOf(string field) => field switch
    {
        nameof(ClientRegistration.Name) => M.ClientName,
        nameof(ClientRegistration.ImageUrl) => M.LogoUri,
        nameof(ClientRegistration.ClientUri) => M.ClientUri,
        nameof(ClientRegistration.RedirectUris) => M.RedirectUris,
        nameof(ClientRegistration.PostLogoutRedirectUris) => M.PostLogoutRedirectUris,
        nameof(ClientRegistration.BackchannelLogoutUri) => M.BackchannelLogoutUri,
        nameof(ClientRegistration.IdTokenSignedResponseAlg) => M.IdTokenSignedResponseAlg,
        nameof(ClientRegistration.GrantTypes) => M.GrantTypes,
        nameof(ClientRegistration.MachineScopes) => M.Scope,
        nameof(ClientRegistration.TokenEndpointAuthMethod) => M.TokenEndpointAuthMethod,
        nameof(ClientRegistration.Jwks) => M.Jwks,
        nameof(ClientRegistration.JwksUri) => M.JwksUri,
        nameof(ClientRegistration.SoftwareId) => M.SoftwareId,
        nameof(ClientRegistration.SoftwareVersion) => M.SoftwareVersion,
        nameof(ClientRegistration.Contacts) => M.Contacts,
        nameof(ClientRegistration.Profile) => "profile",
        _ => "client metadata",
    };
}
