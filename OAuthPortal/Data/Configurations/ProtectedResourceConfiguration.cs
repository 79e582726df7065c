using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class ProtectedResourceConfiguration : IEntityTypeConfiguration<ProtectedResource>
{
    public void Configure(EntityTypeBuilder<ProtectedResource> resource)
    {
        resource.Property(r => r.Uri).HasMaxLength(ProtectedResource.MaxUriLength).IsUnicode(false).IsRequired();
        resource.HasIndex(r => r.Uri).IsUnique();
        resource.Property(r => r.Name).HasMaxLength(ProtectedResource.MaxNameLength).IsRequired();
        resource.HasMany(r => r.Scopes).WithMany().UsingEntity("ProtectedResourceScopes");
    }
}
