using System.ComponentModel.DataAnnotations;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Areas.Developer.Pages;

/// <summary>The form fields of registering or editing a client. Shape only: the rules are in the core.</summary>
public sealed class ClientInput
{
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Description")]
    public string? Description { get; set; }

    [Display(Name = "Image URL")]
    public string? ImageUrl { get; set; }

    /// <summary>One redirect URI per line.</summary>
    public string? RedirectUris { get; set; }

    /// <summary>One post-logout redirect URI per line.</summary>
    public string? PostLogoutRedirectUris { get; set; }

    [Display(Name = "Back-channel logout URI")]
    public string? BackchannelLogoutUri { get; set; }

    [Display(Name = "id_token signing algorithm")]
    public string? IdTokenSignedResponseAlg { get; set; } = Client.DefaultIdTokenAlgorithm;

    /// <summary>The grant types ticked (wire names).</summary>
    public List<string>? GrantTypes { get; set; }

    /// <summary>The machine scopes ticked (scope names).</summary>
    public List<string>? MachineScopes { get; set; }

    /// <summary>
    /// Sent by the form (a hidden field) with the grant-type and machine-scope boxes: then nothing ticked means none.
    /// A post without it (an older form, a script) leaves them as they are: the default on registration, unchanged on edit.
    /// </summary>
    public bool GrantFieldsShown { get; set; }

    /// <summary>The token endpoint authentication method chosen (wire name); confidential clients only.</summary>
    public string? TokenEndpointAuthMethod { get; set; } = ClientAuthenticationMethod.ClientSecretBasic;

    /// <summary>The client's public keys, a pasted JWK Set (private_key_jwt).</summary>
    public string? Jwks { get; set; }

    /// <summary>Where the client publishes its public keys (private_key_jwt).</summary>
    public string? JwksUri { get; set; }

    public bool RequirePushedAuthorizationRequests { get; set; }

    public bool DpopBoundAccessTokens { get; set; }

    /// <summary>The FAPI 2.0 Security Profile box.</summary>
    public bool Fapi2 { get; set; }

    /// <summary>The owner confirms that switching to private_key_jwt deletes the client's secret (edit only).</summary>
    public bool ConfirmSecretDeletion { get; set; }

    /// <summary>
    /// Sent by the form (a hidden field) with the authentication and security fields: then an unticked box means off.
    /// A post without it leaves them as they are: the defaults on registration, unchanged on edit.
    /// </summary>
    public bool SecurityFieldsShown { get; set; }

    public IReadOnlyList<string> RedirectUriList => Lines(RedirectUris);

    public IReadOnlyList<string> PostLogoutRedirectUriList => Lines(PostLogoutRedirectUris);

    /// <summary>The grant types to show ticked: those posted, or the default on a new form.</summary>
    public IReadOnlyList<string> TickedGrantTypes => Ticked(GrantTypes) ?? (GrantFieldsShown ? [] : RequireAllowedGrantType.Default);

    /// <summary>
    /// The form's own check: its boxes were shown and none was ticked. (The core reads "no grant type" as the default,
    /// which is not what unticking every box says.)
    /// </summary>
    public FieldError? NoGrantTypeTicked => GrantFieldsShown && (Ticked(GrantTypes) ?? []).Count == 0
        ? new FieldError(nameof(GrantTypes), "Tick at least one grant type.")
        : null;

    /// <summary>
    /// The form's own check before an edit deletes a secret: the client has one, private_key_jwt was chosen, and the
    /// confirmation box was not ticked.
    /// </summary>
    public FieldError? SecretDeletionUnconfirmed(bool hasSecret) =>
        hasSecret && SecurityFieldsShown && MethodChosen == ClientAuthenticationMethod.PrivateKeyJwt && !ConfirmSecretDeletion
            ? new FieldError(nameof(ConfirmSecretDeletion), "Switching to private_key_jwt deletes this client's secret: tick the box to confirm.")
            : null;

    public ClientRegistration ToRegistration(string ownerId, ClientType type)
    {
        // Without JavaScript the method's radio buttons are on the form whatever the type: a public client that left the
        // default (client_secret_basic) chose nothing; any other choice goes to the rules, which refuse it.
        var method = type == ClientType.Public && MethodChosen is null or ClientAuthenticationMethod.ClientSecretBasic ? null : MethodChosen;
        return new(ownerId, Name ?? "", Description, ImageUrl, type, RedirectUriList)
        {
            PostLogoutRedirectUris = PostLogoutRedirectUriList,
            BackchannelLogoutUri = BackchannelLogoutUri,
            IdTokenSignedResponseAlg = IdTokenSignedResponseAlg,
            GrantTypes = Ticked(GrantTypes),
            MachineScopes = Ticked(MachineScopes) ?? [],
            TokenEndpointAuthMethod = method,
            Jwks = KeysOf(method)?.Jwks,
            JwksUri = KeysOf(method)?.JwksUri,
            RequirePushedAuthorizationRequests = RequirePushedAuthorizationRequests,
            DpopBoundAccessTokens = DpopBoundAccessTokens,
            Profile = Fapi2 ? ClientProfile.Fapi2 : ClientProfile.None,
        };
    }

    public ClientEdit ToEdit(ClientType type) =>
        new(Name ?? "", Description, ImageUrl, RedirectUriList, PostLogoutRedirectUriList, BackchannelLogoutUri, IdTokenSignedResponseAlg,
            GrantFieldsShown ? Ticked(GrantTypes) ?? [] : null, GrantFieldsShown ? Ticked(MachineScopes) ?? [] : null)
        {
            // A public client's form has no method to choose: it keeps 'none'.
            Authentication = SecurityFieldsShown && type == ClientType.Confidential && MethodChosen is { } method
                ? new ClientKeys(method, KeysOf(method)?.Jwks, KeysOf(method)?.JwksUri)
                : null,
            RequirePushedAuthorizationRequests = SecurityFieldsShown ? RequirePushedAuthorizationRequests : null,
            DpopBoundAccessTokens = SecurityFieldsShown ? DpopBoundAccessTokens : null,
            Profile = SecurityFieldsShown ? Fapi2 ? ClientProfile.Fapi2 : ClientProfile.None : null,
        };

    private string? MethodChosen => string.IsNullOrWhiteSpace(TokenEndpointAuthMethod) ? null : TokenEndpointAuthMethod.Trim();

    /// <summary>
    /// The keys fields count only with private_key_jwt: after switching to a secret the textarea may still hold the old
    /// set, which is then dropped rather than refused.
    /// </summary>
    private ClientKeys? KeysOf(string? method) =>
        method == ClientAuthenticationMethod.PrivateKeyJwt ? new ClientKeys(method, Jwks, JwksUri) : null;

    /// <summary>The input for editing <paramref name="client"/> as registered.</summary>
    public static ClientInput Of(ClientDetails client) => new()
    {
        Name = client.Name,
        Description = client.Description,
        ImageUrl = client.ImageUrl,
        RedirectUris = string.Join('\n', client.RedirectUris),
        PostLogoutRedirectUris = string.Join('\n', client.PostLogoutRedirectUris),
        BackchannelLogoutUri = client.BackchannelLogoutUri,
        IdTokenSignedResponseAlg = client.IdTokenSignedResponseAlg,
        GrantTypes = [.. client.GrantTypes],
        MachineScopes = [.. client.MachineScopes],
        GrantFieldsShown = true,
        TokenEndpointAuthMethod = client.TokenEndpointAuthMethod,
        Jwks = client.Jwks,
        JwksUri = client.JwksUri,
        RequirePushedAuthorizationRequests = client.RequirePushedAuthorizationRequests,
        DpopBoundAccessTokens = client.DpopBoundAccessTokens,
        Fapi2 = client.Profile == ClientProfile.Fapi2,
        SecurityFieldsShown = true,
    };

    /// <summary>The values a box list posted, without the empty ones a hand-made post may bind (<c>Input.GrantTypes[0]=</c>).</summary>
    private static List<string>? Ticked(List<string>? values) => values?.Where(v => !string.IsNullOrEmpty(v)).ToList();

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
}
