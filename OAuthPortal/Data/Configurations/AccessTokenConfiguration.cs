using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> token)
    {
        token.Property(t => t.TokenHash).HasMaxLength(SqlLengths.Sha256).IsRequired();
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.Property(t => t.RefreshTokenHash).HasMaxLength(SqlLengths.Sha256);
        token.HasIndex(t => t.RefreshTokenHash).IsUnique();
        token.Property(t => t.ClientId).HasMaxLength(64).IsUnicode(false);
        token.HasIndex(t => t.ExpiresAt);
        // The admin Tokens list (newest first) and the dashboard's tokens-per-day chart read by creation time.
        token.HasIndex(t => new { t.CreatedAt, t.Id });
        token.Property(t => t.Audience).HasMaxLength(Grant.MaxResourcesLength).IsUnicode(false);
        token.Property(t => t.DpopJkt).HasMaxLength(SqlLengths.JwkThumbprint).IsUnicode(false);
        token.Property(t => t.RevocationReason).HasConversion<string>().HasMaxLength(24).IsUnicode(false);

        token.HasOne(t => t.Client).WithMany().HasForeignKey(t => t.ClientId).OnDelete(DeleteBehavior.Cascade);
        token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        // No database cascade from the grant (SQL Server allows one cascade path per table): the token goes with its
        // client or user; pruning deletes a grant only once no token refers to it (the family replay detection needs).
        token.HasOne(t => t.Grant).WithMany().HasForeignKey(t => t.GrantId).OnDelete(DeleteBehavior.NoAction);
        token.HasMany(t => t.Scopes).WithMany().UsingEntity("AccessTokenScopes");
    }
}
