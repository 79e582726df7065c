namespace OAuthPortal.Components;

/// <summary>A scope as components show it.</summary>
public sealed record ScopeItem(string Name, string Description);
