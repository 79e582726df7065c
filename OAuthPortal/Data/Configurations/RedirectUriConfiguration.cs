using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class RedirectUriConfiguration : IEntityTypeConfiguration<RedirectUri>
{
    public void Configure(EntityTypeBuilder<RedirectUri> redirectUri)
    {
        redirectUri.Property(r => r.ClientId).HasMaxLength(64).IsUnicode(false);
        redirectUri.Property(r => r.Uri).HasMaxLength(Client.MaxUrlLength).IsRequired();
        redirectUri.Property(r => r.UriHash).HasMaxLength(SqlLengths.Sha256).IsRequired();
        redirectUri.HasIndex(r => new { r.ClientId, r.UriHash }).IsUnique();
    }
}
