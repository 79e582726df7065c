using Microsoft.AspNetCore.Identity;

namespace OAuthPortal.Data;

/// <summary>A person who signs in to the portal: an end user, a developer, an admin.</summary>
public sealed class PortalUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }
}
