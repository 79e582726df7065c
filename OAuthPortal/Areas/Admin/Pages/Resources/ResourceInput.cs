namespace OAuthPortal.Areas.Admin.Pages.Resources;

/// <summary>The resource form's fields; the rules are the core's (<see cref="OAuth.Resources.ResourceUriPolicy"/>) and the catalog's.</summary>
public sealed class ResourceInput
{
    public string? Uri { get; set; }
    public string? Name { get; set; }

    /// <summary>The scopes the resource accepts; none ticked: any scope.</summary>
    public List<int> ScopeIds { get; set; } = [];
}
