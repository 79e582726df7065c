namespace OAuthPortal.Management.Tokens;

/// <summary>The admin token search: every filter optional; text filters match case-insensitively as substrings.</summary>
public sealed record TokenSearch(
    string? UserEmail = null, string? Client = null, string? Scope = null, TokenStatus? Status = null, string? UserId = null, TokenHolder? Holder = null);
