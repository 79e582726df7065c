namespace OAuthPortal.Management.Tokens;

/// <summary>The admin token search: every filter optional; text filters match case-insensitively as substrings.</summary>
public sealed record TokenSearch(
    string? UserEmail = null, string? Client = null, string? Scope = null, TokenStatus? Status = null, string? UserId = null, TokenHolder? Holder = null)
{
    /// <summary>One client exactly, by client_id (the CLI's <c>tokens list --client</c>); <see cref="Client"/> matches parts of ids and names.</summary>
    public string? ClientId { get; init; }

    /// <summary>One token exactly, by id (the admin's confirmation before revoking it).</summary>
    public long? TokenId { get; init; }
}
