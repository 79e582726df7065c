using Microsoft.AspNetCore.Identity;

namespace OAuthPortal.Data;

/// <summary>A person who signs in to the portal: an end user, a developer, an admin.</summary>
public sealed class PortalUser : IdentityUser
{
    public const int MaxNameLength = 256;

    public DateTime CreatedAt { get; set; }

    /// <summary>The full name the user gave (OpenID Connect <c>name</c>); null until set in Manage your account.</summary>
    public string? Name { get; set; }

    /// <summary>OpenID Connect <c>given_name</c>.</summary>
    public string? GivenName { get; set; }

    /// <summary>OpenID Connect <c>family_name</c>.</summary>
    public string? FamilyName { get; set; }

    /// <summary>When the user last changed a profile field (OpenID Connect <c>updated_at</c>); null: never since the account was created.</summary>
    public DateTime? ProfileUpdatedAt { get; set; }
}
