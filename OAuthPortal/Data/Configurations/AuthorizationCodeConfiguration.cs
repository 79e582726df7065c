using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class AuthorizationCodeConfiguration : IEntityTypeConfiguration<AuthorizationCode>
{
    public void Configure(EntityTypeBuilder<AuthorizationCode> code)
    {
        code.Property(c => c.CodeHash).HasMaxLength(SqlLengths.Sha256).IsRequired();
        code.HasIndex(c => c.CodeHash).IsUnique();
        code.Property(c => c.ClientId).HasMaxLength(64).IsUnicode(false);
        code.Property(c => c.RedirectUri).HasMaxLength(Client.MaxUrlLength);
        code.Property(c => c.CodeChallenge).HasMaxLength(AuthorizationCode.MaxCodeChallengeLength).IsUnicode(false);
        code.Property(c => c.CodeChallengeMethod).HasMaxLength(16).IsUnicode(false);
        code.Property(c => c.Nonce).HasMaxLength(AuthorizationCode.MaxNonceLength);
        code.Property(c => c.DpopJkt).HasMaxLength(SqlLengths.JwkThumbprint).IsUnicode(false);
        code.HasIndex(c => c.ExpiresAt);

        code.HasOne(c => c.Client).WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Cascade);
        code.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        code.HasOne(c => c.Grant).WithMany().HasForeignKey(c => c.GrantId).OnDelete(DeleteBehavior.NoAction);
        code.HasMany(c => c.Scopes).WithMany().UsingEntity("AuthorizationCodeScopes");
    }
}
