namespace OAuthPortal.Data;

public static class PortalRoles
{
    public const string Admin = "Admin";

    /// <summary>Fixed key of the seeded Admin role, so that both providers' migrations agree.</summary>
    internal const string AdminRoleId = "8c5d5f9e-4a39-4d4f-9a34-0d1e6c1a7a01";

    /// <summary>
    /// The cluster-wide lock (<see cref="ClusterLeases.RunLockedAsync{T}"/>) under which who is Admin is checked and
    /// changed, so that instances sharing the database neither make two first-run admins nor leave none.
    /// </summary>
    public const string AdminRoleLock = "admin-role";
}
