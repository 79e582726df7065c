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

    public IReadOnlyList<string> RedirectUriList => Lines(RedirectUris);

    public IReadOnlyList<string> PostLogoutRedirectUriList => Lines(PostLogoutRedirectUris);

    public ClientRegistration ToRegistration(string ownerId, ClientType type) =>
        new(ownerId, Name ?? "", Description, ImageUrl, type, RedirectUriList)
        {
            PostLogoutRedirectUris = PostLogoutRedirectUriList,
            BackchannelLogoutUri = BackchannelLogoutUri,
            IdTokenSignedResponseAlg = IdTokenSignedResponseAlg,
        };

    public ClientEdit ToEdit() =>
        new(Name ?? "", Description, ImageUrl, RedirectUriList, PostLogoutRedirectUriList, BackchannelLogoutUri, IdTokenSignedResponseAlg);

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
    };

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
}
