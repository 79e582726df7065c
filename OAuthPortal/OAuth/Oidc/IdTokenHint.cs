namespace OAuthPortal.OAuth.Oidc;

/// <summary>An id_token this portal issued, presented back as a hint: whom it named, for which client, in which session.</summary>
public sealed record IdTokenHint(string Subject, IReadOnlyList<string> Audiences, string? SessionId);
