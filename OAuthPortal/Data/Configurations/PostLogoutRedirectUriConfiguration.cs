using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class PostLogoutRedirectUriConfiguration : IEntityTypeConfiguration<PostLogoutRedirectUri>
{
    public void Configure(EntityTypeBuilder<PostLogoutRedirectUri> uri)
    {
        uri.Property(r => r.ClientId).HasMaxLength(64).IsUnicode(false);
        uri.Property(r => r.Uri).HasMaxLength(Client.MaxUrlLength).IsRequired();
        uri.Property(r => r.UriHash).HasMaxLength(SqlLengths.Sha256).IsRequired();
        uri.HasIndex(r => new { r.ClientId, r.UriHash }).IsUnique();
    }
}
