using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> user)
    {
        user.Property(u => u.Name).HasMaxLength(PortalUser.MaxNameLength);
        user.Property(u => u.GivenName).HasMaxLength(PortalUser.MaxNameLength);
        user.Property(u => u.FamilyName).HasMaxLength(PortalUser.MaxNameLength);
    }
}
