namespace OAuthPortal.Areas.Admin.Pages.Scopes;

/// <summary>The scope form's fields; the rules are the core's.</summary>
public sealed class ScopeInput
{
    public string? Name { get; set; }
    public string? Description { get; set; }

    /// <summary>Only a user can grant it (never a machine scope); unticked by default.</summary>
    public bool UserOnly { get; set; }
}
