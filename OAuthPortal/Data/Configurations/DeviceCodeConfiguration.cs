using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class DeviceCodeConfiguration : IEntityTypeConfiguration<DeviceCode>
{
    public void Configure(EntityTypeBuilder<DeviceCode> code)
    {
        code.Property(c => c.DeviceCodeHash).HasMaxLength(SqlLengths.Sha256).IsRequired();
        code.HasIndex(c => c.DeviceCodeHash).IsUnique();
        code.Property(c => c.UserCodeHash).HasMaxLength(SqlLengths.Sha256).IsRequired();
        code.HasIndex(c => c.UserCodeHash).IsUnique();
        code.Property(c => c.ClientId).HasMaxLength(64).IsUnicode(false);
        code.Property(c => c.Status).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        code.HasIndex(c => c.ExpiresAt); // pruning

        code.HasOne(c => c.Client).WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Cascade);
        code.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        code.HasOne(c => c.Grant).WithMany().HasForeignKey(c => c.GrantId).OnDelete(DeleteBehavior.NoAction);
        code.HasMany(c => c.Scopes).WithMany().UsingEntity("DeviceCodeScopes");
    }
}
