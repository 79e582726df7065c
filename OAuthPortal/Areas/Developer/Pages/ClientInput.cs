using System.ComponentModel.DataAnnotations;
using OAuthPortal.Management.Clients;

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

    public IReadOnlyList<string> RedirectUriList =>
        (RedirectUris ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();

    public ClientEdit ToEdit() => new(Name ?? "", Description, ImageUrl, RedirectUriList);
}
