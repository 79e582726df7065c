namespace OAuthPortal.Areas.Admin.Pages.Scopes;

/// <summary>The scope form's fields; the rules are the core's.</summary>
public sealed class ScopeInput
{
    public string? Name { get; set; }
    public string? Description { get; set; }
}
