using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class ConsentGrantConfiguration : IEntityTypeConfiguration<ConsentGrant>
{
    public void Configure(EntityTypeBuilder<ConsentGrant> grant)
    {
        grant.Property(g => g.ClientId).HasMaxLength(64).IsUnicode(false);
        grant.HasIndex(g => new { g.UserId, g.ClientId }).IsUnique();
        grant.HasOne(g => g.User).WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        grant.HasOne(g => g.Client).WithMany().HasForeignKey(g => g.ClientId).OnDelete(DeleteBehavior.Cascade);
        grant.HasMany(g => g.Scopes).WithMany().UsingEntity("ConsentGrantScopes");
    }
}
