using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class InitialAccessTokenConfiguration : IEntityTypeConfiguration<InitialAccessToken>
{
    public void Configure(EntityTypeBuilder<InitialAccessToken> token)
    {
        token.Property(t => t.TokenHash).HasMaxLength(SqlLengths.Sha256).IsRequired();
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.Property(t => t.Name).HasMaxLength(InitialAccessToken.MaxNameLength).IsRequired();
        token.Property(t => t.AllowedGrantTypes).HasMaxLength(Client.MaxGrantTypesLength).IsUnicode(false);
        token.HasIndex(t => t.OwnerId);
        token.HasOne(t => t.Owner).WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
