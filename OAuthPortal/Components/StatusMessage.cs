namespace OAuthPortal.Components;

/// <summary>The outcome of an action, shown once on the page the action redirected to (Post/Redirect/Get).</summary>
public sealed record StatusMessage(StatusKind Kind, string Text);
