namespace OAuthPortal.Components;

/// <summary>A token as the token table shows it (never its value: only a hash exists).</summary>
public sealed record TokenRow(long Id, string Client, string ClientId, string? User, string Scopes, DateTime Created, DateTime Expires, string Status);
