namespace OAuthPortal.Data;

public static class PortalRoles
{
    public const string Admin = "Admin";

    /// <summary>Fixed key of the seeded Admin role, so that both providers' migrations agree.</summary>
    internal const string AdminRoleId = "8c5d5f9e-4a39-4d4f-9a34-0d1e6c1a7a01";
}
