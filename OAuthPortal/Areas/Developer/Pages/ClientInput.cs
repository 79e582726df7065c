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

    public ClientRegistration ToRegistration(string ownerId, ClientType type) =>
        new(ownerId, Name ?? "", Description, ImageUrl, type, RedirectUriList)
        {
            PostLogoutRedirectUris = PostLogoutRedirectUriList,
            BackchannelLogoutUri = BackchannelLogoutUri,
            IdTokenSignedResponseAlg = IdTokenSignedResponseAlg,
            GrantTypes = Ticked(GrantTypes),
            MachineScopes = Ticked(MachineScopes) ?? [],
        };

    public ClientEdit ToEdit() =>
        new(Name ?? "", Description, ImageUrl, RedirectUriList, PostLogoutRedirectUriList, BackchannelLogoutUri, IdTokenSignedResponseAlg,
            GrantFieldsShown ? Ticked(GrantTypes) ?? [] : null, GrantFieldsShown ? Ticked(MachineScopes) ?? [] : null);

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
    };

    /// <summary>The values a box list posted, without the empty ones a hand-made post may bind (<c>Input.GrantTypes[0]=</c>).</summary>
    private static List<string>? Ticked(List<string>? values) => values?.Where(v => !string.IsNullOrEmpty(v)).ToList();

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
}
