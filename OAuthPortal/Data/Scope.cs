namespace OAuthPortal.Data;

/// <summary>A permission a client can request (djoauth2 <c>models.Scope</c>).</summary>
public sealed class Scope
{
    public const int MaxNameLength = 256;
    public const int MaxDescriptionLength = 2000;

    public int Id { get; set; }

    /// <summary>An RFC 6749 §3.3 scope-token: no spaces, no <c>"</c> or <c>\</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>What the user is agreeing to, shown on the consent page.</summary>
    public string Description { get; set; } = "";

    /// <summary>
    /// Only a user can grant it: never issued without a user (client_credentials), and never one of a client's machine
    /// scopes. The OpenID Connect scopes are user-only from the start.
    /// </summary>
    public bool UserOnly { get; set; }
}
