using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

/// <summary>Seeds the Admin role, so every migrated database has it.</summary>
internal sealed class IdentityRoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> role) =>
        role.HasData(new IdentityRole
        {
            Id = PortalRoles.AdminRoleId,
            Name = PortalRoles.Admin,
            NormalizedName = PortalRoles.Admin.ToUpperInvariant(),
            ConcurrencyStamp = "f0b9a7c2-3d0e-4f37-8f5e-1c6a9e2b4d10",
        });
}
