using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class HandedOverSecretConfiguration : IEntityTypeConfiguration<HandedOverSecret>
{
    public void Configure(EntityTypeBuilder<HandedOverSecret> secret)
    {
        secret.HasKey(s => s.Key);
        secret.Property(s => s.Key).HasMaxLength(SqlLengths.Sha256);
        secret.Property(s => s.ProtectedValue).HasMaxLength(4000);
        secret.HasIndex(s => s.ExpiresAt); // pruning
    }
}
