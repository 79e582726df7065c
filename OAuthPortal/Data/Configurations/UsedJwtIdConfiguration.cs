using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class UsedJwtIdConfiguration : IEntityTypeConfiguration<UsedJwtId>
{
    public void Configure(EntityTypeBuilder<UsedJwtId> used)
    {
        used.HasKey(u => u.Key);
        used.Property(u => u.Key).HasMaxLength(SqlLengths.Sha256);
        used.HasIndex(u => u.ExpiresAt); // pruning
    }
}
