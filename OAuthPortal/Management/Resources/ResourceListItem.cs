namespace OAuthPortal.Management.Resources;

/// <summary>A registered protected resource as the admin pages show it: its URI, name and the scopes it accepts (none: any).</summary>
public sealed record ResourceListItem(long Id, string Uri, string Name, IReadOnlyList<string> Scopes, DateTime CreatedAt);
